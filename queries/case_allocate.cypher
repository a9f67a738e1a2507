// Allocate a case to a worker: end any current allocation, record the new one and
// the worker's involvement with each subject of the case.
MATCH (c:Case {id: $caseId})
MATCH (w:Worker {id: $workerId})
OPTIONAL MATCH (c)-[current:ALLOCATED_TO]->(:Worker)
WHERE current.to_date IS NULL
SET current.to_date = $fromDate
WITH DISTINCT c, w
MERGE (c)-[al:ALLOCATED_TO {id: $id}]->(w)
ON CREATE SET al += $props
WITH c, w
UNWIND [(p:Person)-[:SUBJECT_OF]->(c) | p][..20] AS subject
MERGE (w)-[i:INVOLVED_WITH {id: $id + subject.id}]->(subject)
ON CREATE SET i += $involvementProps
RETURN DISTINCT c.id AS id
