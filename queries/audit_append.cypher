// Append hashed audit events and move the chain's head past them. Events are only ever
// created: no statement in the service sets or deletes an AuditEvent.
UNWIND $events AS event
CREATE (stored:AuditEvent)
SET stored = event
WITH count(stored) AS appended
MATCH (head:AuditHead {id: 'audit'})
SET head.sequence = $sequence, head.hash = $hash
RETURN appended
