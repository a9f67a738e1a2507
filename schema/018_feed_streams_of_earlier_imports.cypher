// An import skips looking for earlier records of a stream (an agency's files of one
// kind) it opens itself: none can exist. Streams whose records were imported before
// FeedStream existed are opened here, so their records are looked for as before.
MATCH (f:FeedRecord)
WITH DISTINCT split(f.key, '\u001f') AS part
WITH DISTINCT part[0] + '\u001f' + part[1] AS key
MERGE (:FeedStream {key: key});
