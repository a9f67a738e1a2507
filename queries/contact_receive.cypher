// Record a contact received by the MASH: about whom, and from which agency if one.
CREATE (c:Contact {id: $id})
SET c += $props
WITH c
CALL (c) {
  OPTIONAL MATCH (a:Agency {id: $referrerAgencyId})
  FOREACH (_ IN CASE WHEN a IS NULL THEN [] ELSE [1] END | MERGE (c)-[:FROM]->(a))
}
CALL (c) {
  UNWIND $personIds AS personId
  MATCH (p:Person|LinkedRecord {id: personId})
  MERGE (c)-[:ABOUT]->(p)
}
RETURN c.id AS id
