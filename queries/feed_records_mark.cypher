// What each written row is now: the record it keeps idempotent on (agency, kind, record
// id), the graph's id for it, the hash of what it set, whether it is withdrawn, and the
// run and line that last wrote it.
UNWIND $rows AS row
MERGE (f:FeedRecord {key: row.key})
SET f += row
