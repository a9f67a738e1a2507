// Children and expectant parents on $asOf (a family qualifies with either) and every
// current concern, with whom it is about and who raised it.
CALL () {
  MATCH (p:Person)
  WHERE p.date_of_birth > $adultBornOnOrBefore AND p.date_of_birth <= $asOf
    AND (p.deceased_on IS NULL OR p.deceased_on > $asOf)
  RETURN collect(p.id) AS children
}
CALL () {
  MATCH (p:Person)
  WHERE p.due_date >= $asOf
  RETURN collect(p.id)[..$limit] AS expectant
}
CALL () {
  MATCH (s)-[:SUBJECT_OF]->(c:Concern)
  WHERE c.raised_on <= $asOf AND (c.closed_on IS NULL OR c.closed_on > $asOf)
  RETURN collect({id: c.id, code: c.code, subject_id: s.id, raised_on: c.raised_on,
                  severity: c.severity,
                  raised_by: head([(c)-[:RAISED_BY]->(a:Agency) | a.name])})[..$limit]
    AS concerns
}
CALL () {
  MATCH (p:Person)
  RETURN collect(p {.id, .full_name})[..$limit] AS people
}
RETURN children, expectant, concerns, people
LIMIT 1
