// Bulk load (Person)-[:CARES_FOR]->(Person): idempotent, keyed on the relationship's source id.
UNWIND $rows AS row
MATCH (a:Person {id: row.start})
MATCH (b:Person {id: row.end})
MERGE (a)-[r:CARES_FOR {id: row.id}]->(b)
SET r += row.props
