// Record a new API key (its secret's hash only) for a system of an existing agency.
MATCH (agency:Agency {id: $agencyId})
MERGE (key:ApiKey {id: $id})
  ON CREATE SET key.hash = $hash, key.system = $system, key.agency = agency.id,
                key.created_at = datetime(), key.created_by = $createdBy
RETURN key.id AS id
