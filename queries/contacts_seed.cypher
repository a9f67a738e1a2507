// Load synthetic contacts with their people, referrer, ratings and agency checks:
// idempotent on the contact's id (a contact already loaded is left as it is).
UNWIND $rows[..$limit] AS row
MERGE (c:Contact {id: row.id})
ON CREATE SET c += row.props, c.seeded = true
WITH c, row
WHERE NOT EXISTS { (c)-[:ABOUT]->() }
CALL (c, row) {
  UNWIND row.person_ids AS personId
  MATCH (p:Person|LinkedRecord {id: personId})
  CREATE (c)-[:ABOUT]->(p)
}
CALL (c, row) {
  OPTIONAL MATCH (a:Agency {id: row.referrer_agency_id})
  FOREACH (_ IN CASE WHEN a IS NULL THEN [] ELSE [1] END | CREATE (c)-[:FROM]->(a))
}
CALL (c, row) {
  UNWIND row.ratings AS rating
  CREATE (c)-[:RATED]->(r:ContactRating)
  SET r = rating
}
CALL (c, row) {
  UNWIND row.checks AS check
  MATCH (a:Agency {id: check.agency_id})
  CREATE (c)-[:CHECK]->(k:AgencyCheck)-[:ASKS]->(a)
  SET k = check
}
RETURN count(c) AS loaded
