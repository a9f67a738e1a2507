// Bulk load (Worker)-[:EMPLOYED_BY]->(Agency): idempotent, keyed on the relationship's source id.
UNWIND $rows AS row
MATCH (a:Worker {id: row.start})
MATCH (b:Agency {id: row.end})
MERGE (a)-[r:EMPLOYED_BY {id: row.id}]->(b)
SET r += row.props
