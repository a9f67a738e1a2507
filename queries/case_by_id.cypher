// One case with its allocated worker, how it was allocated, and its subjects.
MATCH (c:Case {id: $id})
RETURN c {.*,
  worker: head([(c)-[al:ALLOCATED_TO]->(w:Worker) WHERE al.to_date IS NULL | w {.*}]),
  allocation: head([(c)-[al:ALLOCATED_TO]->(w:Worker) WHERE al.to_date IS NULL
                    | al {.*, worker_id: w.id}]),
  subject_ids: [(p:Person)-[:SUBJECT_OF]->(c) | p.id][..20]} AS case
LIMIT 1
