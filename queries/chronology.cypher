// Concerns, cases (their statutory steps and allocations), relationship changes, moves and
// hazards of a person (or of a household and everyone ever in it), in time order, each
// with the agency that recorded it. A relationship says which way it points (`outgoing`:
// the subject is its start), so it can be read from the subject's side.
// A record linked into another person reads as that person (whose facts include its own).
OPTIONAL MATCH (asked:Person|LinkedRecord {id: $personId})
WITH coalesce(head([(asked)-[:RECORD_OF]->(x:Person) | x]), asked) AS p
OPTIONAL MATCH (h:Household {id: $householdId})
WITH h, CASE WHEN h IS NULL THEN [p] ELSE [(h)<-[:MEMBER_OF]-(m:Person) | m][..50] END AS found
WITH h, [x IN found WHERE x IS NOT NULL] AS people
CALL (people, h) {
  UNWIND people + [x IN [h] WHERE x IS NOT NULL] AS subject
  MATCH (subject)-[:SUBJECT_OF]->(c:Concern)
  UNWIND [['concern_raised', c.raised_on], ['concern_closed', c.closed_on]] AS event
  WITH subject, c, event WHERE event[1] IS NOT NULL
  RETURN event[1] AS on, event[0] AS kind, c.code AS detail, subject.id AS person_id,
         c.id AS related_id, c.source_agency AS source_agency, false AS restricted,
         null AS link, null AS outgoing, null AS other_name
  UNION ALL
  UNWIND people AS subject
  MATCH (subject)-[:SUBJECT_OF]->(c:Case)
  UNWIND [['case_opened', c.opened_on], ['case_closed', c.closed_on],
          ['referral_decision', c.decided_on], ['assessment_completed', c.assessment_completed_on],
          ['strategy_discussion', c.strategy_discussion_on],
          ['initial_conference', c.initial_conference_on]] AS event
  WITH subject, c, event WHERE event[1] IS NOT NULL
  RETURN event[1] AS on, event[0] AS kind, c.kind AS detail, subject.id AS person_id,
         c.id AS related_id, c.source_agency AS source_agency, false AS restricted,
         null AS link, null AS outgoing, null AS other_name
  UNION ALL
  UNWIND people AS subject
  MATCH (subject)-[:SUBJECT_OF]->(c:Case)-[al:ALLOCATED_TO]->(w:Worker)
  WHERE al.from_date IS NOT NULL
  RETURN al.from_date AS on, 'case_allocated' AS kind, c.kind AS detail,
         subject.id AS person_id, c.id AS related_id, c.source_agency AS source_agency,
         false AS restricted, null AS link, null AS outgoing,
         w.given_name + ' ' + w.family_name AS other_name
  UNION ALL
  UNWIND people AS subject
  MATCH (subject)-[r:PARENT_OF|SIBLING_OF|PARTNER_OF|CARES_FOR]-(other:Person)
  UNWIND [['relationship_started', r.from_date], ['relationship_ended', r.to_date]] AS event
  WITH subject, r, other, event, endNode(r) AS child WHERE event[1] IS NOT NULL
  // From the child's node itself: matching every person and comparing scanned them all.
  RETURN event[1] AS on, event[0] AS kind, r.kind AS detail,
         subject.id AS person_id, other.id AS related_id, r.source_agency AS source_agency,
         type(r) = 'PARENT_OF' AND r.kind = 'birth'
           AND EXISTS { (child)<-[:PARENT_OF {kind: 'adoptive'}]-(:Person) } AS restricted,
         type(r) AS link, startNode(r) = subject AS outgoing, other.full_name AS other_name
  UNION ALL
  UNWIND people AS subject
  MATCH (subject)-[l:LIVES_AT]->(a:Address)
  UNWIND [['moved_in', l.from_date], ['moved_out', l.to_date]] AS event
  WITH subject, l, a, event WHERE event[1] IS NOT NULL
  RETURN event[1] AS on, event[0] AS kind, a.line1 + ', ' + a.postcode AS detail,
         subject.id AS person_id, a.id AS related_id, l.source_agency AS source_agency,
         coalesce(a.protected, false) AS restricted,
         null AS link, null AS outgoing, null AS other_name
  UNION ALL
  UNWIND people AS subject
  MATCH (subject)-[:HAS_HAZARD]->(hz:Hazard)
  WHERE hz.recorded_on IS NOT NULL
  RETURN hz.recorded_on AS on, 'hazard_recorded' AS kind, hz.kind AS detail,
         subject.id AS person_id, hz.id AS related_id, hz.source_agency AS source_agency,
         false AS restricted, null AS link, null AS outgoing, null AS other_name
}
WITH on, kind, detail, person_id, related_id, source_agency, restricted, link, outgoing,
     other_name
// An agency-scoped caller counts only events about people its agency is involved with (as
// in agency_scope), so need to know never empties the limit afterwards.
WHERE $scopeAgency IS NULL
   OR all(id IN [person_id, related_id] WHERE NOT EXISTS { (:Person {id: id}) }
          OR EXISTS { MATCH (x:Person {id: id})
                      WHERE EXISTS { (x)-[:KNOWN_TO]->(:Agency {id: $scopeAgency}) }
                         OR EXISTS { (x)-[:SUBJECT_OF]->(:Concern)-[:RAISED_BY]->
                                     (:Agency {id: $scopeAgency}) }
                         OR EXISTS { (x)-[:SUBJECT_OF]->(:Case {source_agency: $scopeAgency}) } })
RETURN on, kind, detail, person_id, related_id, source_agency, restricted, link, outgoing,
       other_name
ORDER BY on, kind, person_id, related_id
LIMIT $limit
