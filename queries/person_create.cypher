// Record a new person; MERGE on the id makes a replay harmless.
MERGE (p:Person {id: $id})
ON CREATE SET p += $props, p.created_at = datetime()
RETURN p.id AS id
