// The contacts not yet decided (the queue: its clocks are worked out in Python), with
// their checks and people, oldest first; an optional handler and rating narrow it.
MATCH (c:Contact)
WHERE c.state IN ['received', 'rated']
  AND ($rag IS NULL OR c.rag = $rag)
  AND ($handler IS NULL OR c.handler = $handler)
WITH c ORDER BY c.received_at, c.id LIMIT $limit
RETURN c {.*,
  referrer_agency_name: head([(c)-[:FROM]->(a:Agency) | a.name]),
  subject_ids: [(c)-[:ABOUT]->(p) | p.id][..50],
  checks: [(c)-[:CHECK]->(k:AgencyCheck)-[:ASKS]->(a:Agency)
           | k {.*, agency_name: a.name, agency_kind: a.kind}][..50]} AS contact
