// Alerts in a state (open, acknowledged, closed; all when null), newest first. For an
// agency-scoped reader, only those about someone its agency is involved with (the
// agency_scope rule), filtered before paging.
MATCH (a:Alert)-[:ABOUT]->(s:Person)
WHERE ($state IS NULL OR a.state = $state)
  AND ($rag IS NULL OR a.rag = $rag)
  AND ($workerId IS NULL OR $workerId IN a.worker_ids)
  AND ($subjectId IS NULL OR s.id = $subjectId)
  AND ($scopeAgency IS NULL
       OR EXISTS { (s)-[:KNOWN_TO]->(:Agency {id: $scopeAgency}) }
       OR EXISTS { (s)-[:SUBJECT_OF]->(:Concern)-[:RAISED_BY]->(:Agency {id: $scopeAgency}) }
       OR EXISTS { (s)-[:SUBJECT_OF]->(:Case {source_agency: $scopeAgency}) })
WITH a ORDER BY a.raised_at DESC, a.id SKIP $offset LIMIT $limit
RETURN a {.*,
  acknowledgements: [(a)-[:ACKNOWLEDGED]->(k:AlertAcknowledgement) | k {.*}][..20]} AS alert
