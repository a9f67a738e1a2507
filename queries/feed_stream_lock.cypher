// Hold an agency's stream of files of one kind for this file's transaction (the write
// takes the stream's lock): another import of the same records waits until this one
// commits, then finds what it wrote. `first`: this transaction opens the stream, so none
// of its records exist yet and none need looking for (read once the lock is held).
MERGE (s:FeedStream {key: $key})
ON CREATE SET s.opening = true
WITH s, coalesce(s.opening, false) AS first
REMOVE s.opening
SET s.run = $runId
RETURN first
