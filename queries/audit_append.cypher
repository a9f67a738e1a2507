// Append hashed audit events to one writer's chain and move its head past them. Events
// are only ever created: no statement in the service sets or deletes an AuditEvent.
MERGE (head:AuditHead {id: $writer})
SET head.sequence = $sequence, head.hash = $hash
WITH head
UNWIND $events AS event
CREATE (stored:AuditEvent)
SET stored = event
RETURN count(stored) AS appended
