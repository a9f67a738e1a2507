// Cases matching every filter given, with the allocated worker and subjects.
MATCH (c:Case)
WHERE ($status IS NULL OR c.status = $status)
  AND ($kind IS NULL OR c.kind = $kind)
  AND ($workerId IS NULL OR EXISTS {
        (c)-[al:ALLOCATED_TO]->(:Worker {id: $workerId}) WHERE al.to_date IS NULL })
  AND ($unallocated IS NULL OR $unallocated = (NOT EXISTS {
        (c)-[al:ALLOCATED_TO]->(:Worker) WHERE al.to_date IS NULL }))
RETURN c {.*,
  worker: head([(c)-[al:ALLOCATED_TO]->(w:Worker) WHERE al.to_date IS NULL | w {.*}]),
  subject_ids: [(p:Person)-[:SUBJECT_OF]->(c) | p.id][..20]} AS case
ORDER BY c.opened_on DESC, c.id
SKIP $offset
LIMIT $limit
