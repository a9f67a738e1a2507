// One case with its allocated worker and subjects.
MATCH (c:Case {id: $id})
RETURN c {.*,
  worker: head([(c)-[al:ALLOCATED_TO]->(w:Worker) WHERE al.to_date IS NULL | w {.*}]),
  subject_ids: [(p:Person)-[:SUBJECT_OF]->(c) | p.id][..20]} AS case
LIMIT 1
