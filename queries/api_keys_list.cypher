// API keys, newest first: ids, systems, agencies and revocation (never hashes).
MATCH (key:ApiKey)
RETURN key {.id, .system, .agency, .created_at, .created_by, .revoked_at} AS key
ORDER BY key.created_at DESC
LIMIT $limit
