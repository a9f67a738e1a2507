// Add a hazard warning to a person or an address.
OPTIONAL MATCH (p:Person|LinkedRecord {id: $personId})
OPTIONAL MATCH (a:Address {id: $addressId})
WITH coalesce(p, a) AS subject
MERGE (h:Hazard {id: $id})
ON CREATE SET h += $props
MERGE (subject)-[r:HAS_HAZARD {id: $relationshipId}]->(h)
ON CREATE SET r += $relationshipProps
RETURN h.id AS id
