// One user's audit events, optionally between two instants; newest first, one page at a
// time. The (user, at) index seeks that user's events in time order, however few they are
// among the rest (the time index would walk every event newer than their oldest).
MATCH (event:AuditEvent)
WHERE event.user = $user
  AND event.at >= coalesce($start, datetime('1970-01-01T00:00:00Z'))
  AND ($end IS NULL OR event.at < $end)
// Ordered and cut to one page before the events' properties are read. Ordered by the
// index's own keys, so a busy user's events are read newest first and only one page of
// them is sorted (ordered by time alone, every one of their events was sorted).
WITH event
ORDER BY event.user DESC, event.at DESC, event.id
SKIP $offset
LIMIT $limit
RETURN event {.*} AS event
