// First load of (Household)-[:LOCATED_AT]->(Address) while both labels are empty: no such
// relationship can exist yet, so it is created, not merged (the loader checks
// that the labels were empty and the ids are unique).
UNWIND $rows AS row
MATCH (a:Household {id: row.start})
MATCH (b:Address {id: row.end})
CREATE (a)-[r:LOCATED_AT {id: row.id}]->(b)
SET r += row.props
