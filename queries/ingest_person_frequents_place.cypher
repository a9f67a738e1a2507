// Bulk load (Person)-[:FREQUENTS]->(Place): idempotent, keyed on the relationship's source id.
UNWIND $rows AS row
MATCH (a:Person {id: row.start})
MATCH (b:Place {id: row.end})
MERGE (a)-[r:FREQUENTS {id: row.id}]->(b)
SET r += row.props
