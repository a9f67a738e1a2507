// Close an alert with a reason (never deleted); the id when it was not closed already.
MATCH (a:Alert {id: $id})
WHERE a.state <> 'closed'
SET a += $closing, a.state = 'closed'
RETURN a.id AS id
LIMIT 1
