// The file this transaction commits is now the stream's last: its SHA-256 if every row
// went in (null if some were rejected: sent again, they must be reported again). Written
// in the file's own transaction, which holds the stream's lock (feed_stream_lock).
MATCH (s:FeedStream {key: $key})
SET s.sha256 = $sha256, s.rows = $rows
