// Bulk load (Worker)-[:INVOLVED_WITH]->(Person): idempotent, keyed on the relationship's source id.
UNWIND $rows AS row
MATCH (a:Worker {id: row.start})
MATCH (b:Person {id: row.end})
MERGE (a)-[r:INVOLVED_WITH {id: row.id}]->(b)
SET r += row.props
