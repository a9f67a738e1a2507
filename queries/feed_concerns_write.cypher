// Write the concerns an agency sent, each about a person or (exclusively) a household:
// the record's values are set, and it is about that one only (a changed row naming
// another moves it). A concern is raised by the agency.
MATCH (agency:Agency {id: $agencyId})
UNWIND $rows AS row
OPTIONAL MATCH (p:Person|LinkedRecord {id: row.person})
OPTIONAL MATCH (h:Household {id: row.household})
WITH agency, row, coalesce(p, h) AS subject
OPTIONAL MATCH (old:Withdrawn {id: row.id})
CALL (old) {
  WITH old WHERE old IS NOT NULL
  REMOVE old:Withdrawn
  SET old:Concern, old.withdrawn_label = null, old.withdrawn_on = null
}
MERGE (n:Concern {id: row.id})
SET n += row.props
MERGE (subject)-[s:SUBJECT_OF {id: row.about_id}]->(n)
SET s += row.rel
WITH agency, n, row
CALL (n, row) {
  MATCH (n)<-[x:SUBJECT_OF]-()
  WHERE x.source_agency = $agencyId AND x.source_record_id = row.record_id
    AND x.id <> row.about_id
  DELETE x
}
MERGE (n)-[rb:RAISED_BY {id: row.raised_id}]->(agency)
ON CREATE SET rb += row.rel
