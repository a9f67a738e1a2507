// First load of (Person)-[:MEMBER_OF]->(Household) while both labels are empty: no such
// relationship can exist yet, so it is created, not merged (the loader checks
// that the labels were empty and the ids are unique).
UNWIND $rows AS row
MATCH (a:Person {id: row.start})
MATCH (b:Household {id: row.end})
CREATE (a)-[r:MEMBER_OF {id: row.id}]->(b)
SET r += row.props
