// Record a person as a member of a household: dated and sourced.
MATCH (p:Person|LinkedRecord {id: $personId})
MATCH (h:Household {id: $householdId})
MERGE (p)-[r:MEMBER_OF {id: $id}]->(h)
SET r += $props
RETURN r {.*, type: type(r), source: p.id, target: h.id} AS relationship
