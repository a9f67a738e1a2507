// Concerns, cases (and their statutory steps), relationship changes and moves of a person
// (or of a household and everyone ever in it), in time order, each with the agency that
// recorded it.
OPTIONAL MATCH (p:Person {id: $personId})
OPTIONAL MATCH (h:Household {id: $householdId})
WITH h, CASE WHEN h IS NULL THEN [p] ELSE [(h)<-[:MEMBER_OF]-(m:Person) | m][..50] END AS found
WITH h, [x IN found WHERE x IS NOT NULL] AS people
CALL (people, h) {
  UNWIND people + [x IN [h] WHERE x IS NOT NULL] AS subject
  MATCH (subject)-[:SUBJECT_OF]->(c:Concern)
  UNWIND [['concern_raised', c.raised_on], ['concern_closed', c.closed_on]] AS event
  WITH subject, c, event WHERE event[1] IS NOT NULL
  RETURN event[1] AS on, event[0] AS kind, c.code AS detail, subject.id AS person_id,
         c.id AS related_id, c.source_agency AS source_agency, false AS restricted
  UNION ALL
  UNWIND people AS subject
  MATCH (subject)-[:SUBJECT_OF]->(c:Case)
  UNWIND [['case_opened', c.opened_on], ['case_closed', c.closed_on],
          ['referral_decision', c.decided_on], ['assessment_completed', c.assessment_completed_on],
          ['strategy_discussion', c.strategy_discussion_on],
          ['initial_conference', c.initial_conference_on]] AS event
  WITH subject, c, event WHERE event[1] IS NOT NULL
  RETURN event[1] AS on, event[0] AS kind, c.kind AS detail, subject.id AS person_id,
         c.id AS related_id, c.source_agency AS source_agency, false AS restricted
  UNION ALL
  UNWIND people AS subject
  MATCH (subject)-[r:PARENT_OF|PARTNER_OF|CARES_FOR]-(other:Person)
  UNWIND [['relationship_started', r.from_date], ['relationship_ended', r.to_date]] AS event
  WITH subject, r, other, event WHERE event[1] IS NOT NULL
  RETURN event[1] AS on, event[0] AS kind,
         type(r) + coalesce(':' + r.kind, '') + ' with ' + other.full_name AS detail,
         subject.id AS person_id, other.id AS related_id, r.source_agency AS source_agency,
         type(r) = 'PARENT_OF' AND r.kind = 'birth'
           AND EXISTS { (:Person)-[:PARENT_OF {kind: 'adoptive'}]->(c:Person)
                        WHERE c = endNode(r) } AS restricted
  UNION ALL
  UNWIND people AS subject
  MATCH (subject)-[l:LIVES_AT]->(a:Address)
  UNWIND [['moved_in', l.from_date], ['moved_out', l.to_date]] AS event
  WITH subject, l, a, event WHERE event[1] IS NOT NULL
  RETURN event[1] AS on, event[0] AS kind, a.line1 + ', ' + a.postcode AS detail,
         subject.id AS person_id, a.id AS related_id, l.source_agency AS source_agency,
         coalesce(a.protected, false) AS restricted
}
WITH on, kind, detail, person_id, related_id, source_agency, restricted
// An agency-scoped caller counts only events about people its agency is involved with (as
// in agency_scope), so need to know never empties the limit afterwards.
WHERE $scopeAgency IS NULL
   OR all(id IN [person_id, related_id] WHERE NOT EXISTS { (:Person {id: id}) }
          OR EXISTS { MATCH (x:Person {id: id})
                      WHERE EXISTS { (x)-[:KNOWN_TO]->(:Agency {id: $scopeAgency}) }
                         OR EXISTS { (x)-[:SUBJECT_OF]->(:Concern)-[:RAISED_BY]->
                                     (:Agency {id: $scopeAgency}) }
                         OR EXISTS { (x)-[:SUBJECT_OF]->(:Case {source_agency: $scopeAgency}) } })
RETURN on, kind, detail, person_id, related_id, source_agency, restricted
ORDER BY on, kind, person_id, related_id
LIMIT $limit
