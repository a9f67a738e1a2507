// Write household memberships an agency sends for the first time (no import sent these
// records before, so the memberships do not exist: created without a lookup). The
// household is the agency's own record, shared by its members' rows: created on first
// mention, at the address given, if any.
UNWIND $rows AS row
MATCH (p:Person|LinkedRecord {id: row.person})
MERGE (h:Household {id: row.household.id})
ON CREATE SET h += row.household.props
CREATE (p)-[m:MEMBER_OF {id: row.id}]->(h)
SET m += row.rel
WITH h, row
CALL (h, row) {
  WITH h, row WHERE row.address IS NOT NULL
  MERGE (ad:Address {id: row.address.id})
  ON CREATE SET ad += row.address.props
  MERGE (h)-[l:LOCATED_AT {id: row.address.rel_id}]->(ad)
  ON CREATE SET l += row.address.rel
}
