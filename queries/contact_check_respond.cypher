// Record an agency's answer to its check on a contact.
MATCH (c:Contact {id: $id})-[:CHECK]->(k:AgencyCheck {agency_id: $agencyId})
SET k += $response
RETURN k.id AS id
LIMIT 1
