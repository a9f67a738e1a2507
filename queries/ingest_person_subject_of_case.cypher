// Bulk load (Person)-[:SUBJECT_OF]->(Case): idempotent, keyed on the relationship's source id.
UNWIND $rows AS row
MATCH (a:Person {id: row.start})
MATCH (b:Case {id: row.end})
MERGE (a)-[r:SUBJECT_OF {id: row.id}]->(b)
SET r += row.props
