// A session, if it has not been ended.
MATCH (session:UiSession {id: $id})
WHERE session.ended_at IS NULL
RETURN session {.id, .user, .role, .agency, .worker, .csrf, .started_at, .seen_at} AS session
