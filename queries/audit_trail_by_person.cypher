// Audit events that named one person (exact id through the full-text index), optionally
// by a user, between two instants or raised as alerts; newest first, one page at a time.
CALL db.index.fulltext.queryNodes('audit_event_people', $subject) YIELD node AS event
WHERE ($user IS NULL OR event.user = $user)
  AND ($start IS NULL OR event.at >= $start)
  AND ($end IS NULL OR event.at < $end)
  AND ($alertsOnly = false OR event.alert = true)
// Ordered and cut to one page before the events' properties are read.
WITH event
ORDER BY event.at DESC, event.id
SKIP $offset
LIMIT $limit
RETURN event {.*} AS event
