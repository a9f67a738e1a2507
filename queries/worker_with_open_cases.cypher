// A worker who holds open cases (the busiest, then by id): for a demo user who takes cases.
MATCH (worker:Worker)<-[al:ALLOCATED_TO]-(c:Case {status: 'open'})
WHERE al.to_date IS NULL
RETURN worker.id AS id, count(c) AS cases
ORDER BY cases DESC, id
LIMIT 1
