// Ask agencies what they know about a contact's people: one check per agency.
MATCH (c:Contact {id: $id})
UNWIND $checks[..$limit] AS check
MATCH (a:Agency {id: check.agency_id})
CREATE (c)-[:CHECK]->(k:AgencyCheck)-[:ASKS]->(a)
SET k += check
RETURN count(k) AS asked
