// The identity a record belongs to, and every record in it (the identity's own person
// first, then the others in the order they were linked), each as its agency recorded it.
MATCH (record:Person|LinkedRecord {id: $recordId})
WITH record, coalesce(head([(record)-[:RECORD_OF]->(p:Person) | p]), record) AS primary
CALL (primary) {
  MATCH (s:LinkedRecord)-[l:RECORD_OF]->(primary)
  WITH s, l ORDER BY l.linked_at, s.id
  RETURN collect(s {.id, .given_name, .family_name, .date_of_birth, .source_agency,
    .source_record_id, linked_at: l.linked_at, linked_by: l.linked_by,
    decision_id: l.decision_id})[..$maxRecords] AS linked
}
RETURN record.id AS record_id, primary.id AS identity_id,
  primary {.id, .given_name, .family_name, .date_of_birth, .source_agency,
    .source_record_id, .created_at} AS person,
  linked
