// Audit events about a person, by a user, between two instants or raised as alerts;
// newest first, one page at a time.
MATCH (event:AuditEvent)
WHERE ($subject IS NULL OR event.subjects CONTAINS $subject)
  AND ($user IS NULL OR event.user = $user)
  AND ($from IS NULL OR event.at >= $from)
  AND ($to IS NULL OR event.at < $to)
  AND ($alertsOnly = false OR event.alert = true)
RETURN event {.*} AS event
ORDER BY event.sequence DESC
SKIP $offset
LIMIT $limit
