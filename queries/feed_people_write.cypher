// Write the people records an agency sent, new or changed (a withdrawn one comes back).
// Each is known to the agency under its record id, and lives at the address the agency
// gave: one it gave before ends today. Returns the people a changed record is linked into.
MATCH (agency:Agency {id: $agencyId})
UNWIND $rows AS row
OPTIONAL MATCH (old:Withdrawn {id: row.id})
CALL (old) {
  WITH old WHERE old IS NOT NULL
  REMOVE old:Withdrawn
  SET old:Person, old.withdrawn_label = null, old.withdrawn_on = null
}
CALL (row) {
  WITH row WHERE NOT EXISTS { MATCH (:Person|LinkedRecord {id: row.id}) }
  CREATE (n:Person {id: row.id})
  SET n.created_at = datetime()
}
MATCH (p:Person|LinkedRecord {id: row.id})
SET p += row.props
MERGE (p)-[k:KNOWN_TO {id: row.known_id}]->(agency)
ON CREATE SET k += row.known
WITH p, row
CALL (p, row) {
  WITH p, row WHERE row.address IS NOT NULL
  MERGE (ad:Address {id: row.address.id})
  ON CREATE SET ad += row.address.props
  MERGE (p)-[l:LIVES_AT {id: row.address.rel_id}]->(ad)
  ON CREATE SET l += row.address.rel
}
CALL (p, row) {
  MATCH (p)-[l:LIVES_AT {source_agency: $agencyId, source_record_id: row.record_id}]->()
  WHERE l.to_date IS NULL AND l.id <> coalesce(row.address.rel_id, '')
  SET l.to_date = $today
}
WITH head([(p)-[:RECORD_OF]->(i:Person) | i.id]) AS identity
RETURN collect(DISTINCT identity) AS identities
