// Keep what records an agency is about to change or withdraw said until now: a
// FeedRevision with their values, the run that replaced them, and when.
UNWIND $rows AS row
CALL (row) {
  OPTIONAL MATCH (p:Person|LinkedRecord|Withdrawn {id: row.id}) WHERE row.kind = 'people'
  OPTIONAL MATCH (c:Concern|Withdrawn {id: row.id}) WHERE row.kind = 'concerns'
  OPTIONAL MATCH (h:Hazard|Withdrawn {id: row.id}) WHERE row.kind = 'hazards'
  OPTIONAL MATCH (k:Case|Withdrawn {id: row.id}) WHERE row.kind = 'cases'
  RETURN coalesce(p, c, h, k) AS n
}
WITH row, n WHERE n IS NOT NULL
CREATE (rev:FeedRevision)
SET rev = properties(n), rev.of = row.id, rev.key = row.key, rev.run = $runId,
  rev.replaced_at = datetime(), rev.withdrawn = row.withdrawn
