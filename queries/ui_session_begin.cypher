// A signed-in session: its id is a hash of the cookie's secret.
CREATE (session:UiSession {
  id: $id, user: $user, role: $role, agency: $agency, worker: $worker, csrf: $csrf,
  started_at: $now, seen_at: $now
})
RETURN session.id AS id
