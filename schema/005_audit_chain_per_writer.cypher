// Each service process appends to a chain of its own (no lock shared between processes),
// so a sequence number is unique within its writer, not across the whole trail.
DROP CONSTRAINT audit_event_sequence IF EXISTS;
CREATE INDEX audit_event_writer_sequence IF NOT EXISTS FOR (n:AuditEvent) ON (n.writer, n.sequence);
// "Every event about P0000042" through a whitespace full-text index over the ids, far
// cheaper to keep up to date than a trigram text index over the whole string.
DROP INDEX audit_event_subjects IF EXISTS;
CREATE FULLTEXT INDEX audit_event_people IF NOT EXISTS FOR (n:AuditEvent) ON EACH [n.subjects] OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}};
