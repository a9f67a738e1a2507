// Join one identity to another: every record of `$joinId` (the person and the records
// linked into it) becomes a record of `$keepId`, whose id stands for them all from now
// on. The joined person becomes a LinkedRecord; its own relationships stay as recorded,
// and its derived copies go (identity_rederive rebuilds them on the kept person).
MATCH (keep:Person {id: $keepId})
MATCH (join:Person {id: $joinId})
CALL (join) {
  MATCH (join)-[d]-()
  WHERE d.derived_from IS NOT NULL
  DELETE d
}
CALL (join, keep) {
  MATCH (s:LinkedRecord)-[l:RECORD_OF]->(join)
  CREATE (s)-[moved:RECORD_OF]->(keep)
  SET moved = properties(l)
  DELETE l
}
REMOVE join:Person
SET join:LinkedRecord
CREATE (join)-[l:RECORD_OF]->(keep)
SET l.linked_at = datetime(), l.linked_by = $user, l.decision_id = $decisionId
RETURN keep.id AS identity_id,
  [(s:LinkedRecord)-[:RECORD_OF]->(keep) | s.id] AS record_ids
