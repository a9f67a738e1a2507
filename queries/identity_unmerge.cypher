// Take a record out of the identity it was linked into: it is a person of its own again,
// as its agency recorded it (identity_rederive then rebuilds both identities' copies).
MATCH (record:LinkedRecord {id: $recordId})-[own:RECORD_OF]->(primary:Person)
DELETE own
REMOVE record:LinkedRecord
SET record:Person
RETURN primary.id AS identity_id
