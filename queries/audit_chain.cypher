// A stretch of the audit chain in sequence order, for verifying its hashes.
MATCH (event:AuditEvent)
WHERE event.sequence > $after
RETURN event {.*} AS event
ORDER BY event.sequence
LIMIT $limit
