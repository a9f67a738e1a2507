// Write the hazards an agency sent, each of a person or (exclusively) of an address (found
// by its line and postcode, or created): the record's values are set, and it is of that
// one only (a changed row naming another moves it).
UNWIND $rows AS row
CALL (row) {
  WITH row WHERE row.address IS NOT NULL
  MERGE (ad:Address {id: row.address.id})
  ON CREATE SET ad += row.address.props
}
OPTIONAL MATCH (p:Person|LinkedRecord {id: row.person})
OPTIONAL MATCH (a:Address {id: row.address.id})
WITH row, coalesce(p, a) AS subject
OPTIONAL MATCH (old:Withdrawn {id: row.id})
CALL (old) {
  WITH old WHERE old IS NOT NULL
  REMOVE old:Withdrawn
  SET old:Hazard, old.withdrawn_label = null, old.withdrawn_on = null
}
MERGE (n:Hazard {id: row.id})
SET n += row.props
MERGE (subject)-[s:HAS_HAZARD {id: row.about_id}]->(n)
SET s += row.rel
WITH n, row
CALL (n, row) {
  MATCH (n)<-[x:HAS_HAZARD]-()
  WHERE x.source_agency = $agencyId AND x.source_record_id = row.record_id
    AND x.id <> row.about_id
  DELETE x
}
