// End a session (signed out, or timed out): it can never be resumed.
MATCH (session:UiSession {id: $id})
WHERE session.ended_at IS NULL
SET session.ended_at = $now, session.ended_because = $why
RETURN session.id AS id
