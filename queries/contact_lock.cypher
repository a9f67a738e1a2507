// Take a contact's write lock and say what it holds now: until this transaction ends, no
// other step on it reads the same state (two decisions cannot both find none).
MATCH (c:Contact {id: $id})
SET c.steps_recorded = coalesce(c.steps_recorded, 0) + 1
RETURN c {.id, .received_at, .rag, .state,
  asked: [(c)-[:CHECK]->(k:AgencyCheck) | k {.id, .agency_id, .responded_at}],
  subject_ids: [(c)-[:ABOUT]->(p) | p.id][..50]} AS contact
LIMIT 1
