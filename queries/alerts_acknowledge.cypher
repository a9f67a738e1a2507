// Acknowledge open or acknowledged alerts (each acknowledgement recorded with who, when
// and a note), of those the reader may reach (as alerts_list); the ids acknowledged.
UNWIND $ids[..$limit] AS id
MATCH (a:Alert {id: id})-[:ABOUT]->(s:Person)
WHERE a.state IN ['open', 'acknowledged']
  AND ($scopeAgency IS NULL
       OR EXISTS { (s)-[:KNOWN_TO]->(:Agency {id: $scopeAgency}) }
       OR EXISTS { (s)-[:SUBJECT_OF]->(:Concern)-[:RAISED_BY]->(:Agency {id: $scopeAgency}) }
       OR EXISTS { (s)-[:SUBJECT_OF]->(:Case {source_agency: $scopeAgency}) })
CREATE (a)-[:ACKNOWLEDGED]->(k:AlertAcknowledgement)
SET k += $acknowledgement, a.state = 'acknowledged',
    a.acknowledged_at = coalesce(a.acknowledged_at, $acknowledgement.at)
RETURN collect(a.id) AS ids
