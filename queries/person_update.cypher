// Change a person's recorded details (null values remove a property).
MATCH (p:Person|LinkedRecord {id: $id})
SET p += $props, p.updated_at = datetime()
RETURN p.id AS id
