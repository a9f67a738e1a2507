// Workers, optionally in one team or with one capability, by name.
MATCH (w:Worker)
WHERE ($team IS NULL OR w.team = $team)
  AND ($capability IS NULL OR $capability IN w.capabilities)
RETURN w {.*} AS worker
ORDER BY w.family_name, w.given_name, w.id
SKIP $offset
LIMIT $limit
