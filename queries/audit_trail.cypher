// Audit events by a user or between two instants; newest first, one page at a time
// (alerts have audit_trail_alerts). The lower time bound is always given, so the time
// index is walked in order (the optional filters alone would plan as a scan of every
// event).
MATCH (event:AuditEvent)
WHERE ($user IS NULL OR event.user = $user)
  AND event.at >= coalesce($start, datetime('1970-01-01T00:00:00Z'))
  AND ($end IS NULL OR event.at < $end)
// Ordered and cut to one page before the events' properties are read.
WITH event
ORDER BY event.at DESC, event.id
SKIP $offset
LIMIT $limit
RETURN event {.*} AS event
