// First load of (Worker)-[:EMPLOYED_BY]->(Agency) while both labels are empty: no such
// relationship can exist yet, so it is created, not merged (the loader checks
// that the labels were empty and the ids are unique).
UNWIND $rows AS row
MATCH (a:Worker {id: row.start})
MATCH (b:Agency {id: row.end})
CREATE (a)-[r:EMPLOYED_BY {id: row.id}]->(b)
SET r += row.props
