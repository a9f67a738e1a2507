// Write relationships between people an agency sent, typed and dated.
UNWIND $rows AS row
MATCH (a:Person|LinkedRecord {id: row.from})
MATCH (b:Person|LinkedRecord {id: row.to})
MERGE (a)-[r:$(row.type) {id: row.id}]->(b)
SET r += row.rel
