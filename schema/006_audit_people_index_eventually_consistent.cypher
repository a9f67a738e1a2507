// The audit journal ships events in batches, so the trail is already read a moment behind
// the requests it records; an eventually consistent full-text index takes Lucene's work
// off each batch's commit. A by-person read of the trail waits for it to catch up.
DROP INDEX audit_event_people IF EXISTS;
CREATE FULLTEXT INDEX audit_event_people IF NOT EXISTS FOR (n:AuditEvent) ON EACH [n.subjects] OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace', `fulltext.eventually_consistent`: true}};
