// Open cases with no current allocation, oldest first: the allocation queue.
MATCH (c:Case {status: $open})
WHERE ($agencyId IS NULL OR c.source_agency = $agencyId)
  AND NOT EXISTS { (c)-[al:ALLOCATED_TO]->(:Worker) WHERE al.to_date IS NULL }
RETURN c.id AS id
ORDER BY c.opened_on, c.id
LIMIT $limit
