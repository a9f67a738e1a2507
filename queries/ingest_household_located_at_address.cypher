// Bulk load (Household)-[:LOCATED_AT]->(Address): idempotent, keyed on the relationship's source id.
UNWIND $rows AS row
MATCH (a:Household {id: row.start})
MATCH (b:Address {id: row.end})
MERGE (a)-[r:LOCATED_AT {id: row.id}]->(b)
SET r += row.props
