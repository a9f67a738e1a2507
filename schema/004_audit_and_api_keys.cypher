// The audit trail: one event per request that touched person data, chained by hash.
CREATE CONSTRAINT audit_event_id IF NOT EXISTS FOR (n:AuditEvent) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT audit_event_sequence IF NOT EXISTS FOR (n:AuditEvent) REQUIRE n.sequence IS UNIQUE;
// One head holds the chain's last sequence and hash; unique so writers never fork it.
CREATE CONSTRAINT audit_head_id IF NOT EXISTS FOR (n:AuditHead) REQUIRE n.id IS UNIQUE;
// "Every event about P0000042": subjects is "|P0000042|P0000043|", searched with CONTAINS.
CREATE TEXT INDEX audit_event_subjects IF NOT EXISTS FOR (n:AuditEvent) ON (n.subjects);
CREATE INDEX audit_event_user IF NOT EXISTS FOR (n:AuditEvent) ON (n.user);
CREATE INDEX audit_event_at IF NOT EXISTS FOR (n:AuditEvent) ON (n.at);
// API keys of integrating systems: only a hash of the secret is stored.
CREATE CONSTRAINT api_key_id IF NOT EXISTS FOR (n:ApiKey) REQUIRE n.id IS UNIQUE;
