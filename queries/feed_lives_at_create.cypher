// Write the addresses an agency sends for people for the first time (no import sent these
// records before, so their links do not exist: created without a lookup). The address is
// found by its line and postcode (one node for every agency that gives it) or created.
UNWIND $rows AS row
MATCH (p:Person|LinkedRecord {id: row.person})
MERGE (ad:Address {id: row.address.id})
ON CREATE SET ad += row.address.props
CREATE (p)-[l:LIVES_AT {id: row.id}]->(ad)
SET l += row.rel
