// Audit events between two instants; newest first, one page at a time (one user's events
// have audit_trail_by_user, alerts audit_trail_alerts). The lower time bound is always
// given, so the time index is walked in order.
MATCH (event:AuditEvent)
WHERE event.at >= coalesce($start, datetime('1970-01-01T00:00:00Z'))
  AND ($end IS NULL OR event.at < $end)
// Ordered and cut to one page before the events' properties are read.
WITH event
ORDER BY event.at DESC, event.id
SKIP $offset
LIMIT $limit
RETURN event {.*} AS event
