// Take withdrawn records out of every view: they lose their kind's label (every read
// matches by it) and become Withdrawn, keeping their properties and relationships for the
// history and the audit. The people a withdrawn record was linked into are returned, to be
// rebuilt without it.
UNWIND $rows AS row
CALL (row) {
  OPTIONAL MATCH (p:Person|LinkedRecord {id: row.id}) WHERE row.kind = 'people'
  OPTIONAL MATCH (c:Concern {id: row.id}) WHERE row.kind = 'concerns'
  OPTIONAL MATCH (h:Hazard {id: row.id}) WHERE row.kind = 'hazards'
  OPTIONAL MATCH (k:Case {id: row.id}) WHERE row.kind = 'cases'
  RETURN coalesce(p, c, h, k) AS n
}
WITH row, n WHERE n IS NOT NULL
WITH n, head(labels(n)) AS label, head([(n)-[:RECORD_OF]->(i:Person) | i.id]) AS identity
REMOVE n:Person:LinkedRecord:Concern:Hazard:Case
SET n:Withdrawn, n.withdrawn_label = label, n.withdrawn_on = $today
RETURN collect(DISTINCT identity) AS identities
