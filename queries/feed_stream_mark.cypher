// The file this transaction commits is now the stream's last: its SHA-256 if every row
// went in (null if some were rejected: sent again, they must be reported again). Written
// in the file's own transaction, so the last file to commit is the one remembered.
MERGE (s:FeedStream {key: $key})
SET s.sha256 = $sha256, s.rows = $rows, s.run = $runId
