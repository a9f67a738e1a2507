// Bulk load (Person)-[:MEMBER_OF]->(Household): idempotent, keyed on the relationship's source id.
UNWIND $rows AS row
MATCH (a:Person {id: row.start})
MATCH (b:Household {id: row.end})
MERGE (a)-[r:MEMBER_OF {id: row.id}]->(b)
SET r += row.props
