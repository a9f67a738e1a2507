// Hand a contact to someone to handle.
MATCH (c:Contact {id: $id})
SET c.handler = $handler, c.assigned_at = $at, c.assigned_by = $by
RETURN c.id AS id
LIMIT 1
