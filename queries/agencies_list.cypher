// Agencies, optionally of one kind, by name.
MATCH (a:Agency)
WHERE $kind IS NULL OR a.kind = $kind
RETURN a {.*} AS agency
ORDER BY a.name, a.id
SKIP $offset
LIMIT $limit
