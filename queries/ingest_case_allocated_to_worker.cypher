// Bulk load (Case)-[:ALLOCATED_TO]->(Worker): idempotent, keyed on the relationship's source id.
UNWIND $rows AS row
MATCH (a:Case {id: row.start})
MATCH (b:Worker {id: row.end})
MERGE (a)-[r:ALLOCATED_TO {id: row.id}]->(b)
SET r += row.props
