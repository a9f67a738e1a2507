// Bulk load (Person)-[:PARENT_OF]->(Person): idempotent, keyed on the relationship's source id.
UNWIND $rows AS row
MATCH (a:Person {id: row.start})
MATCH (b:Person {id: row.end})
MERGE (a)-[r:PARENT_OF {id: row.id}]->(b)
SET r += row.props
