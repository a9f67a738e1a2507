// The person records an import's rows name, by agency and record id: sent in a feed (and
// not withdrawn), or recorded through the API; with what the rules need of each, and the
// person a record was linked into. An agency-scoped sender ($scopeAgency) reaches only the
// people its agency is involved with: any other is answered as an unknown record is.
UNWIND $records[..$limit] AS r
OPTIONAL MATCH (f:FeedRecord {key: r.key})
WITH r, CASE WHEN f.withdrawn THEN null ELSE f.entity_id END AS sent,
  COLLECT { MATCH (api:Person {source_agency: r.agency, source_record_id: r.record})
            WHERE f IS NULL RETURN api.id LIMIT 1 } AS recorded
OPTIONAL MATCH (p:Person|LinkedRecord {id: coalesce(sent, head(recorded))})
WITH r, p
WHERE p IS NOT NULL AND ($scopeAgency IS NULL
   OR EXISTS { (p)-[:KNOWN_TO]->(:Agency {id: $scopeAgency}) }
   OR EXISTS { (p)-[:SUBJECT_OF]->(:Concern)-[:RAISED_BY]->(:Agency {id: $scopeAgency}) }
   OR EXISTS { (p)-[:SUBJECT_OF]->(:Case {source_agency: $scopeAgency}) })
RETURN r.key AS key, p.id AS id, p.date_of_birth AS date_of_birth,
  p.deceased_on AS deceased_on, head([(p)-[:RECORD_OF]->(x:Person) | x.id]) AS identity_id
