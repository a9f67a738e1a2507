// A stretch of one writer's audit chain in sequence order, for verifying its hashes.
MATCH (event:AuditEvent {writer: $writer})
WHERE event.sequence > $after
RETURN event {.*} AS event
ORDER BY event.sequence
LIMIT $limit
