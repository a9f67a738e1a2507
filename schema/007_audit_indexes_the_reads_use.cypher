// Every request appends an audit event, so each index on AuditEvent is paid for on the
// request path (about 0.1 ms of Neo4j CPU per event each; the random-id one more).
// The user index was never chosen by the trail's plans (its optional filters make a user
// query a label scan), and a random-key unique index on id guarded an identity the chain
// already has: where an event stands in its writer's chain. That becomes the uniqueness
// constraint, and it serves chain verification's reads as the index did. The time index
// stays: the trail walks it newest first.
DROP CONSTRAINT audit_event_id IF EXISTS;
DROP INDEX audit_event_user IF EXISTS;
DROP INDEX audit_event_writer_sequence IF EXISTS;
CREATE CONSTRAINT audit_event_chain_position IF NOT EXISTS FOR (n:AuditEvent) REQUIRE (n.writer, n.sequence) IS UNIQUE;
