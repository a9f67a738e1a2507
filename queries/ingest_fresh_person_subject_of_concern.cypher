// First load of (Person)-[:SUBJECT_OF]->(Concern) while both labels are empty: no such
// relationship can exist yet, so it is created, not merged (the loader checks
// that the labels were empty and the ids are unique).
UNWIND $rows AS row
MATCH (a:Person {id: row.start})
MATCH (b:Concern {id: row.end})
CREATE (a)-[r:SUBJECT_OF {id: row.id}]->(b)
SET r += row.props
