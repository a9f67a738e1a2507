// The people and households an import's rows name. A person by record key (agency, kind
// and record id): sent in a feed (and not withdrawn), or recorded through the API; with
// what the rules need of them, and the person a record was linked into. An agency-scoped
// sender ($scopeAgency) reaches only the people its agency is involved with: any other is
// answered as an unknown record is. A household by the graph's id for it. For a person in
// $kin (named by a sibling row), its parents by birth or adoption (what siblings recorded
// directly must agree with).
CALL () {
  UNWIND $people[..$limit] AS key
  OPTIONAL MATCH (f:FeedRecord {key: key})
  // Only a record no feed sent is looked for among those recorded through the API.
  // (Keyed on null otherwise: the planner seeks before it filters.)
  OPTIONAL CALL (key, f) {
    WITH split(key, '\u001f') AS part
    MATCH (api:Person {source_agency: CASE WHEN f IS NULL THEN part[0] END,
                       source_record_id: part[2]})
    RETURN api.id AS recorded LIMIT 1
  }
  WITH key, CASE WHEN f.withdrawn THEN null ELSE coalesce(f.entity_id, recorded) END AS id
  MATCH (p:Person|LinkedRecord {id: id})
  WHERE $scopeAgency IS NULL
     OR EXISTS { (p)-[:KNOWN_TO]->(:Agency {id: $scopeAgency}) }
     OR EXISTS { (p)-[:SUBJECT_OF]->(:Concern)-[:RAISED_BY]->(:Agency {id: $scopeAgency}) }
     OR EXISTS { (p)-[:SUBJECT_OF]->(:Case {source_agency: $scopeAgency}) }
  RETURN collect([key, p.id, p.date_of_birth, p.deceased_on,
    CASE WHEN p:LinkedRecord THEN head([(p)-[:RECORD_OF]->(x:Person) | x.id]) END,
    CASE WHEN key IN $kin THEN [(parent:Person)-[pr:PARENT_OF]->(p)
      WHERE pr.kind IN ['birth', 'adoptive'] | parent.id] END]) AS people
}
CALL () {
  UNWIND $households[..$limit] AS i
  MATCH (h:Household {id: i})
  RETURN collect(h.id) AS households
}
RETURN people, households
