// The workers allocated now to the open cases of each of these people.
UNWIND $ids[..$limit] AS id
MATCH (p:Person {id: id})
RETURN p.id AS person_id, [(p)-[:SUBJECT_OF]->(c:Case {status: 'open'})-[al:ALLOCATED_TO]->(w:Worker)
  WHERE al.to_date IS NULL | w.id][..20] AS workers
