// Hold an agency's stream of files of one kind for this file's transaction (the write
// takes the stream's lock): another import of the same records waits until this one
// commits, then finds what it wrote.
MERGE (s:FeedStream {key: $key})
SET s.run = $runId
