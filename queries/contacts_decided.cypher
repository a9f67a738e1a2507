// Contacts decided, the latest first; an optional handler and rating narrow them.
MATCH (c:Contact {state: 'decided'})
WHERE ($rag IS NULL OR c.rag = $rag)
  AND ($handler IS NULL OR c.handler = $handler)
WITH c ORDER BY c.decided_at DESC, c.id SKIP $offset LIMIT $limit
RETURN c {.*,
  referrer_agency_name: head([(c)-[:FROM]->(a:Agency) | a.name]),
  subject_ids: [(c)-[:ABOUT]->(p) | p.id][..50],
  checks: [(c)-[:CHECK]->(k:AgencyCheck)-[:ASKS]->(a:Agency)
           | k {.*, agency_name: a.name, agency_kind: a.kind}][..50],
  case_id: head([(c)-[:LED_TO]->(k:Case) | k.id])} AS contact
