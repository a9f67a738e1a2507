// Bulk load (Address)-[:HAS_HAZARD]->(Hazard): idempotent, keyed on the relationship's source id.
UNWIND $rows AS row
MATCH (a:Address {id: row.start})
MATCH (b:Hazard {id: row.end})
MERGE (a)-[r:HAS_HAZARD {id: row.id}]->(b)
SET r += row.props
