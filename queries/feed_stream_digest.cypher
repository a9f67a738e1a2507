// The last file an agency's stream of one kind committed whole: its SHA-256 and rows.
MATCH (s:FeedStream {key: $key})
RETURN s.sha256 AS sha256, s.rows AS rows
LIMIT 1
