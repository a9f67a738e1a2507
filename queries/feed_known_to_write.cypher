// Write "known to" records an agency sent: the person is known to it under its reference.
MATCH (agency:Agency {id: $agencyId})
UNWIND $rows AS row
MATCH (p:Person|LinkedRecord {id: row.person})
MERGE (p)-[k:KNOWN_TO {id: row.id}]->(agency)
SET k += row.rel
