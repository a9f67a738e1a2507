// Every record linked into `$fromId` is linked into `$toId` instead, keeping when and by
// whom it was linked: the identity's own person is leaving, and a successor takes over.
MATCH (from:Person {id: $fromId})
MATCH (to:Person {id: $toId})
CALL (from) {
  MATCH (from)-[d]-()
  WHERE d.derived_from IS NOT NULL
  DELETE d
}
CALL (from, to) {
  MATCH (s:LinkedRecord)-[l:RECORD_OF]->(from)
  WHERE s <> to
  CREATE (s)-[moved:RECORD_OF]->(to)
  SET moved = properties(l)
  DELETE l
}
RETURN to.id AS identity_id
