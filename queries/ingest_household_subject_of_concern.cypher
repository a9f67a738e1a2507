// Bulk load (Household)-[:SUBJECT_OF]->(Concern): idempotent, keyed on the relationship's source id.
UNWIND $rows AS row
MATCH (a:Household {id: row.start})
MATCH (b:Concern {id: row.end})
MERGE (a)-[r:SUBJECT_OF {id: row.id}]->(b)
SET r += row.props
