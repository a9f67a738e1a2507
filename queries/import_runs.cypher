// Import runs, newest first, with the sending agency's name.
MATCH (run:ImportRun)-[:SENT_BY]->(a:Agency)
WHERE $agencyId IS NULL OR a.id = $agencyId
RETURN run {.*, agency_name: a.name} AS run
ORDER BY run.started_at DESC, run.id
SKIP $offset
LIMIT $limit
