// Write "known to" records an agency sends for the first time (no import sent them
// before, so the links do not exist: created without a lookup).
MATCH (agency:Agency {id: $agencyId})
UNWIND $rows AS row
MATCH (p:Person|LinkedRecord {id: row.person})
CREATE (p)-[k:KNOWN_TO {id: row.id}]->(agency)
SET k += row.rel
