// Every decision naming one of these records (as the identity or among its records),
// newest first.
MATCH (d:LinkDecision)
WHERE d.identity_id IN $recordIds OR any(r IN d.record_ids WHERE r IN $recordIds)
RETURN d {.*} AS decision
ORDER BY d.decided_at DESC
LIMIT $limit
