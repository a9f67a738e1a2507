// Append hashed audit events to one writer's chain and move its head past them. Events
// are only ever created: no statement in the service sets or deletes an AuditEvent.
// Events the head has already passed were stored by an earlier attempt whose commit
// outcome was unknown; they are skipped, so a retried batch is stored once.
MERGE (head:AuditHead {id: $writer})
  ON CREATE SET head.sequence = 0, head.hash = ''
WITH head, head.sequence AS known
WITH head, known, [event IN $events WHERE event.sequence > known] AS fresh
CALL (fresh) {
  UNWIND fresh AS event
  CREATE (stored:AuditEvent)
  SET stored = event, stored.at = datetime(event.at)
  // Break-glass alerts are also labelled, so reviewing them never walks every event.
  FOREACH (_ IN CASE WHEN event.alert THEN [1] ELSE [] END | SET stored:AuditAlert)
}
SET head.sequence = coalesce(last(fresh).sequence, known),
  head.hash = coalesce(last(fresh).hash, head.hash)
RETURN known, size(fresh) AS appended
