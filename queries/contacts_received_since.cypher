// What the team managers' dashboard counts: contacts received or decided since a moment,
// with when each was received and decided, and each check asked and answered (no people).
MATCH (c:Contact)
WHERE c.received_at >= $since OR c.decided_at >= $since
WITH c ORDER BY c.received_at LIMIT $limit
RETURN c.id AS id, c.received_at AS received_at, c.decided_at AS decided_at, c.rag AS rag,
  [(c)-[:CHECK]->(k:AgencyCheck)-[:ASKS]->(a:Agency)
   | {agency_id: a.id, agency_name: a.name, requested_at: k.requested_at,
      responded_at: k.responded_at}][..50] AS checks
