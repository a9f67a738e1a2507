// Bulk load (Person)-[:KNOWN_TO]->(Agency): idempotent, keyed on the relationship's source id.
UNWIND $rows AS row
MATCH (a:Person {id: row.start})
MATCH (b:Agency {id: row.end})
MERGE (a)-[r:KNOWN_TO {id: row.id}]->(b)
SET r += row.props
