// What the household-level rules need (members, current concerns, who cares for whom,
// the young carers service) for named households: one person's page. From "WITH DISTINCT
// h" on this is analytics_child_households, word for word (a test keeps it so).
UNWIND $householdIds AS household_id
MATCH (h:Household {id: household_id})
WITH DISTINCT h
CALL (h) {
  MATCH (p:Person)-[m:MEMBER_OF]->(h)
  WHERE m.from_date <= $asOf AND (m.to_date IS NULL OR m.to_date >= $asOf)
    AND (p.deceased_on IS NULL OR p.deceased_on > $asOf)
  RETURN collect(p {.id, .full_name, .date_of_birth, .sex,
    young_carers_service: EXISTS {
      (p)-[k:KNOWN_TO]->(:Agency {kind: $youngCarersService})
      WHERE k.to_date IS NULL OR k.to_date >= $asOf },
    cares_for: [(p)-[c:CARES_FOR]->(o:Person)
                WHERE c.from_date <= $asOf AND (c.to_date IS NULL OR c.to_date >= $asOf)
                | o.id][..20]}) AS members
}
CALL (h) {
  CALL (h) {
    MATCH (s:Person)-[m:MEMBER_OF]->(h)
    WHERE m.from_date <= $asOf AND (m.to_date IS NULL OR m.to_date >= $asOf)
    MATCH (s)-[:SUBJECT_OF]->(c:Concern)
    RETURN s, c
    UNION
    MATCH (h)-[:SUBJECT_OF]->(c:Concern)
    RETURN h AS s, c
  }
  WITH s, c WHERE c.raised_on <= $asOf AND (c.closed_on IS NULL OR c.closed_on > $asOf)
  RETURN collect(c {.id, .code, .raised_on, .severity, subject_id: s.id,
    raised_by: head([(c)-[:RAISED_BY]->(a:Agency) | a.name])}) AS concerns
}
RETURN h.id AS household_id, h.area AS area, members, concerns
ORDER BY household_id
LIMIT $limit
