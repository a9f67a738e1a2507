// Take the write locks of a case and of the worker it is being allocated to, case first
// (one order for every allocation, so two never wait on each other), and say what the
// case holds now. Until this transaction ends, no other allocation of either can read a
// caseload or a current allocation: the hard rules read inside it stay true at commit.
MATCH (c:Case {id: $caseId})
SET c.allocations_recorded = coalesce(c.allocations_recorded, 0) + 1
WITH c
MATCH (w:Worker {id: $workerId})
SET w.allocations_recorded = coalesce(w.allocations_recorded, 0) + 1
RETURN c.opened_on AS opened_on,
  head([(c)-[al:ALLOCATED_TO]->(current:Worker) WHERE al.to_date IS NULL
        | al {.from_date, worker_id: current.id}]) AS current
