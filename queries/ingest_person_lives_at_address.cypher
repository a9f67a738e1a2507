// Bulk load (Person)-[:LIVES_AT]->(Address): idempotent, keyed on the relationship's source id.
UNWIND $rows AS row
MATCH (a:Person {id: row.start})
MATCH (b:Address {id: row.end})
MERGE (a)-[r:LIVES_AT {id: row.id}]->(b)
SET r += row.props
