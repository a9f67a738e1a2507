// Each person's parents on record by birth or adoption: what siblings recorded directly
// must agree with.
UNWIND $ids AS i
MATCH (p:Person|LinkedRecord {id: i})
RETURN p.id AS id,
  [(parent:Person)-[r:PARENT_OF]->(p) WHERE r.kind IN ['birth', 'adoptive'] | parent.id]
    AS parents
