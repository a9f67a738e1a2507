// Every allocation a case has had, current and ended, oldest first, with the worker and
// how each was decided.
MATCH (c:Case {id: $id})-[al:ALLOCATED_TO]->(w:Worker)
RETURN al {.*, worker_id: w.id} AS allocation, w {.*} AS worker
ORDER BY al.from_date, al.allocated_at
LIMIT $limit
