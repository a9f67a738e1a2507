// Children and expectant parents on $asOf (a family qualifies with either), every current
// concern, with whom it is about and who raised it, and everyone's name: each part as a
// list, $chunk items to a record (see analytics_family_links), put back together by
// `borough_facts`.
CALL () {
  MATCH (p:Person)
  WHERE p.date_of_birth > $adultBornOnOrBefore AND p.date_of_birth <= $asOf
    AND (p.deceased_on IS NULL OR p.deceased_on > $asOf)
  RETURN 'children' AS part, collect(p.id)[..$limit] AS items
  UNION ALL
  MATCH (p:Person)
  WHERE p.due_date >= $asOf
  RETURN 'expectant' AS part, collect(p.id)[..$limit] AS items
  UNION ALL
  MATCH (s)-[:SUBJECT_OF]->(c:Concern)
  WHERE c.raised_on <= $asOf AND (c.closed_on IS NULL OR c.closed_on > $asOf)
  RETURN 'concerns' AS part,
    collect({id: c.id, code: c.code, subject_id: s.id, raised_on: c.raised_on,
             severity: c.severity,
             raised_by: head([(c)-[:RAISED_BY]->(a:Agency) | a.name])})[..$limit] AS items
  UNION ALL
  MATCH (p:Person)
  RETURN 'people' AS part, collect(p {.id, .full_name})[..$limit] AS items
}
UNWIND range(0, size(items) - 1, $chunk) AS start
RETURN part, items[start..start + $chunk] AS items
LIMIT $limit
