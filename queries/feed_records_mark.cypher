// What each written row is now: the record it keeps idempotent on (agency, kind, record
// id), the graph's id for it, the hash of what it set, whether it is withdrawn (kept only
// when it is), and the run that last wrote it. Records no import sent before ($created:
// none was found in this transaction) are created without a lookup; the key's uniqueness
// constraint still refuses a second one.
CALL () {
  UNWIND $created AS row
  CREATE (f:FeedRecord)
  SET f = row
}
CALL () {
  UNWIND $updated AS row
  MERGE (f:FeedRecord {key: row.key})
  SET f += row
}
