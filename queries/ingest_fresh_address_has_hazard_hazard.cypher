// First load of (Address)-[:HAS_HAZARD]->(Hazard) while both labels are empty: no such
// relationship can exist yet, so it is created, not merged (the loader checks
// that the labels were empty and the ids are unique).
UNWIND $rows AS row
MATCH (a:Address {id: row.start})
MATCH (b:Hazard {id: row.end})
CREATE (a)-[r:HAS_HAZARD {id: row.id}]->(b)
SET r += row.props
