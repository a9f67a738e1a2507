// Write the addresses an agency sent for people, with their dates: the address is found
// by its line and postcode (one node for every agency that gives it) or created.
UNWIND $rows AS row
MATCH (p:Person|LinkedRecord {id: row.person})
MERGE (ad:Address {id: row.address.id})
ON CREATE SET ad += row.address.props
MERGE (p)-[l:LIVES_AT {id: row.id}]->(ad)
SET l += row.rel
