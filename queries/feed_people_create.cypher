// Write the people records an agency sends for the first time (no import sent them
// before, so neither they nor their links exist: created without a lookup, the id's
// uniqueness constraint still refuses a second). Each is known to the agency under its
// record id, and lives at the address the agency gave (one node per line and postcode).
MATCH (agency:Agency {id: $agencyId})
UNWIND $rows AS row
CREATE (p:Person {id: row.id})
SET p += row.props, p.created_at = datetime()
CREATE (p)-[k:KNOWN_TO {id: row.known_id}]->(agency)
SET k += row.known
WITH p, row
WHERE row.address IS NOT NULL
MERGE (ad:Address {id: row.address.id})
ON CREATE SET ad += row.address.props
CREATE (p)-[l:LIVES_AT {id: row.address.rel_id}]->(ad)
SET l += row.address.rel
