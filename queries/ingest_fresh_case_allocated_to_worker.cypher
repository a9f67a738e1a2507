// First load of (Case)-[:ALLOCATED_TO]->(Worker) while both labels are empty: no such
// relationship can exist yet, so it is created, not merged (the loader checks
// that the labels were empty and the ids are unique).
UNWIND $rows AS row
MATCH (a:Case {id: row.start})
MATCH (b:Worker {id: row.end})
CREATE (a)-[r:ALLOCATED_TO {id: row.id}]->(b)
SET r += row.props
