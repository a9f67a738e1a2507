// The session was used: its idle clock starts again.
MATCH (session:UiSession {id: $id})
WHERE session.ended_at IS NULL
SET session.seen_at = $now
RETURN session.id AS id
