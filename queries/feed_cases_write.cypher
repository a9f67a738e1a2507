// Write the cases an agency sent, about the person each names: the record's values are
// set, and it is about that person only (a changed row naming another person moves it).
UNWIND $rows AS row
MATCH (p:Person|LinkedRecord {id: row.person})
OPTIONAL MATCH (old:Withdrawn {id: row.id})
CALL (old) {
  WITH old WHERE old IS NOT NULL
  REMOVE old:Withdrawn
  SET old:Case, old.withdrawn_label = null, old.withdrawn_on = null
}
MERGE (n:Case {id: row.id})
SET n += row.props
MERGE (p)-[s:SUBJECT_OF {id: row.about_id}]->(n)
SET s += row.rel
WITH n, row
CALL (n, row) {
  MATCH (n)<-[x:SUBJECT_OF]-()
  WHERE x.source_agency = $agencyId AND x.source_record_id = row.record_id
    AND x.id <> row.about_id
  DELETE x
}
