// Break-glass alerts, optionally by a user and between two instants; newest first, one
// page at a time. Only alerts carry the AuditAlert label, so this reads the alerts alone
// however many events the trail holds (the time index would walk every event between
// them).
MATCH (event:AuditAlert)
WHERE ($user IS NULL OR event.user = $user)
  AND ($start IS NULL OR event.at >= $start)
  AND ($end IS NULL OR event.at < $end)
// Ordered and cut to one page before the events' properties are read.
WITH event
ORDER BY event.at DESC, event.id
SKIP $offset
LIMIT $limit
RETURN event {.*} AS event
