// Record a household, located at its address when one is given (and in that address's
// area, for the area filters).
MERGE (h:Household {id: $id})
SET h += $props
WITH h
CALL (h) {
  MATCH (a:Address {id: $addressId})
  MERGE (h)-[l:LOCATED_AT {id: $locatedId}]->(a)
  SET l += $locatedProps, h.area = coalesce(h.area, a.area)
}
RETURN h.id AS id
