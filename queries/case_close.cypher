// Close a case and end its current allocation on the same date.
MATCH (c:Case {id: $id})
SET c.status = $closed, c.closed_on = $closedOn
WITH c
OPTIONAL MATCH (c)-[al:ALLOCATED_TO]->(:Worker)
WHERE al.to_date IS NULL
SET al.to_date = $closedOn
RETURN DISTINCT c.id AS id
