// One API key's stored hash, system, agency and revocation, by its public id.
MATCH (key:ApiKey {id: $id})
RETURN key {.id, .hash, .system, .agency, .revoked_at} AS key
