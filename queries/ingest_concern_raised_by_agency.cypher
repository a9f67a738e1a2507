// Bulk load (Concern)-[:RAISED_BY]->(Agency): idempotent, keyed on the relationship's source id.
UNWIND $rows AS row
MATCH (a:Concern {id: row.start})
MATCH (b:Agency {id: row.end})
MERGE (a)-[r:RAISED_BY {id: row.id}]->(b)
SET r += row.props
