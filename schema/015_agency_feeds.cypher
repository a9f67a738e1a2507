// Agency feeds. Every record an agency sent is a FeedRecord, one per (agency, kind, its
// own record id): imports are idempotent on it, and it remembers what the row last set.
CREATE CONSTRAINT feed_record_key IF NOT EXISTS FOR (n:FeedRecord) REQUIRE n.key IS UNIQUE;
// What a changed or withdrawn record said before, by the graph's id of the record.
CREATE INDEX feed_revision_of IF NOT EXISTS FOR (n:FeedRevision) ON (n.of);
// A withdrawn record keeps its id; a row sending it again brings it back.
CREATE INDEX withdrawn_id IF NOT EXISTS FOR (n:Withdrawn) ON (n.id);
CREATE CONSTRAINT import_run_id IF NOT EXISTS FOR (n:ImportRun) REQUIRE n.id IS UNIQUE;
CREATE INDEX import_run_started IF NOT EXISTS FOR (n:ImportRun) ON (n.started_at);
