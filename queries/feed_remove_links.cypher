// Remove relationships an agency changed or withdrew, keeping each one's values as a
// FeedRevision first (the history and the audit keep them). The people a removed one
// was copied to (its start is a record linked into them) are returned, to be rebuilt.
UNWIND $rows AS row
MATCH (s:Person|LinkedRecord|Withdrawn {id: row.start})-[r {id: row.id}]->()
CREATE (rev:FeedRevision)
SET rev = properties(r), rev.of = row.id, rev.key = row.key, rev.run = $runId,
  rev.type = type(r), rev.start = row.start, rev.replaced_at = datetime(),
  rev.withdrawn = row.withdrawn
WITH r, head([(s)-[:RECORD_OF]->(i:Person) | i.id]) AS identity
DELETE r
RETURN collect(DISTINCT identity) AS identities
