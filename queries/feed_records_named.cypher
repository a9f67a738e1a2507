// The people and households an import's rows name. A person by agency and record id: sent
// in a feed (and not withdrawn), or recorded through the API; with what the rules need of
// them, and the person a record was linked into. An agency-scoped sender ($scopeAgency)
// reaches only the people its agency is involved with: any other is answered as an
// unknown record is. A household by the graph's id for it.
CALL () {
  UNWIND $people[..$limit] AS r
  OPTIONAL MATCH (f:FeedRecord {key: r.key})
  WITH r, CASE WHEN f.withdrawn THEN null ELSE f.entity_id END AS sent,
    COLLECT { MATCH (api:Person {source_agency: r.agency, source_record_id: r.record})
              WHERE f IS NULL RETURN api.id LIMIT 1 } AS recorded
  MATCH (p:Person|LinkedRecord {id: coalesce(sent, head(recorded))})
  WHERE $scopeAgency IS NULL
     OR EXISTS { (p)-[:KNOWN_TO]->(:Agency {id: $scopeAgency}) }
     OR EXISTS { (p)-[:SUBJECT_OF]->(:Concern)-[:RAISED_BY]->(:Agency {id: $scopeAgency}) }
     OR EXISTS { (p)-[:SUBJECT_OF]->(:Case {source_agency: $scopeAgency}) }
  RETURN collect([r.key, p.id, p.date_of_birth, p.deceased_on,
    head([(p)-[:RECORD_OF]->(x:Person) | x.id])]) AS people
}
CALL () {
  UNWIND $households[..$limit] AS i
  MATCH (h:Household {id: i})
  RETURN collect(h.id) AS households
}
RETURN people, households
