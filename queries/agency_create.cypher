// Record an agency; MERGE on the id makes a replay harmless.
MERGE (a:Agency {id: $id})
ON CREATE SET a += $props, a.created_at = datetime(), a.created_by = $user
RETURN a {.*} AS agency
