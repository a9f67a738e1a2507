// One person's concerns matching every other filter given, newest first: concerns_filtered
// starting from the person, not from every concern in the borough.
// A record linked into someone answers with the person's concerns; a concern's subject
// is named as the person, not their record.
MATCH (:Person|LinkedRecord {id: $personId})-[:RECORD_OF*0..1]->(:Person)
  -[:SUBJECT_OF]->(c:Concern)
WHERE ($code IS NULL OR c.code = $code)
  // A code filter must not find what masking hides: a sensitive concern that another
  // agency raised matches no code for an agency-scoped caller, as if its code were unknown.
  AND ($code IS NULL OR $scopeAgency IS NULL OR NOT $code IN $sensitiveCodes
       OR EXISTS { (c)-[:RAISED_BY]->(:Agency {id: $scopeAgency}) })
  AND ($status IS NULL OR c.status = $status)
  AND ($raisedFrom IS NULL OR c.raised_on >= $raisedFrom)
  AND ($raisedTo IS NULL OR c.raised_on <= $raisedTo)
  AND ($agencyId IS NULL OR EXISTS { (c)-[:RAISED_BY]->(:Agency {id: $agencyId}) })
  AND ($personId IS NULL OR EXISTS {
        (:Person|LinkedRecord {id: $personId})-[:RECORD_OF*0..1]->(:Person)-[:SUBJECT_OF]->(c) })
  // An agency-scoped caller pages through concerns about a household or about someone
  // its agency is involved with (the agency_scope rule), so need to know never empties a
  // page afterwards.
  AND ($scopeAgency IS NULL OR NOT EXISTS { (:Person)-[:SUBJECT_OF]->(c) } OR EXISTS {
        MATCH (s:Person)-[:SUBJECT_OF]->(c)
        WHERE EXISTS { (s)-[:KNOWN_TO]->(:Agency {id: $scopeAgency}) }
           OR EXISTS { (s)-[:SUBJECT_OF]->(:Concern)-[:RAISED_BY]->(:Agency {id: $scopeAgency}) }
           OR EXISTS { (s)-[:SUBJECT_OF]->(:Case {source_agency: $scopeAgency}) } })
RETURN c {.*,
  raised_by: head([(c)-[:RAISED_BY]->(a:Agency) | a.id]),
  subject_id: head([(s:Person|Household)-[:SUBJECT_OF]->(c) | s.id]
    + [(s)-[:SUBJECT_OF]->(c) | s.id])} AS concern
ORDER BY c.raised_on DESC, c.id
SKIP $offset
LIMIT $limit
