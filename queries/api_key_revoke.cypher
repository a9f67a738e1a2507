// Revoke an API key; revoking twice keeps the first time.
MATCH (key:ApiKey {id: $id})
SET key.revoked_at = coalesce(key.revoked_at, datetime())
RETURN key.id AS id, key.revoked_at AS revoked_at
