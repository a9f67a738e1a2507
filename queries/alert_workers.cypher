// The workers allocated now to the open cases of each of these people, and their teams
// (whose manager an unacknowledged red alert is escalated to).
UNWIND $ids[..$limit] AS id
MATCH (p:Person {id: id})
WITH p, [(p)-[:SUBJECT_OF]->(c:Case {status: 'open'})-[al:ALLOCATED_TO]->(w:Worker)
  WHERE al.to_date IS NULL | w][..20] AS workers
RETURN p.id AS person_id, [w IN workers | w.id] AS workers,
  [w IN workers WHERE w.team IS NOT NULL | w.team] AS teams
