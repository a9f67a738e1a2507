// Write relationships between people an agency sends for the first time (no import sent
// these records before, so the relationships do not exist: created without a lookup).
UNWIND $rows AS row
MATCH (a:Person|LinkedRecord {id: row.from})
MATCH (b:Person|LinkedRecord {id: row.to})
CREATE (a)-[r:$(row.type) {id: row.id}]->(b)
SET r += row.rel
