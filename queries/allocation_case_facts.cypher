// The facts behind each case's complexity and allocation on $asOf: its subjects, their
// current households (the family), the family's open concerns, agencies, hazards, other
// open cases and current workers. Bounded: 20 subjects, 30 family members, 50 of each list.
UNWIND $caseIds[..$caseLimit] AS caseId
MATCH (c:Case {id: caseId})
WITH c, [(p:Person)-[:SUBJECT_OF]->(c) | p][..20] AS subjects
CALL (subjects) {
  UNWIND subjects AS s
  MATCH (s)-[m:MEMBER_OF]->(h:Household)
  WHERE m.from_date <= $asOf AND (m.to_date IS NULL OR m.to_date >= $asOf)
  RETURN collect(DISTINCT h)[..5] AS households
}
CALL (households) {
  UNWIND households AS h
  MATCH (p:Person)-[m:MEMBER_OF]->(h)
  WHERE m.from_date <= $asOf AND (m.to_date IS NULL OR m.to_date >= $asOf)
  RETURN collect(DISTINCT p)[..30] AS housemates
}
WITH c, subjects, households,
  housemates + [s IN subjects WHERE NOT s IN housemates] AS family
RETURN c {.id, .kind, .status, .opened_on, .locality, .source_agency} AS case,
  [s IN subjects | s.id] AS subject_ids,
  [h IN households | h.id] AS household_ids,
  [p IN family | p {.id, .full_name, .date_of_birth, .deceased_on}] AS family,
  [x IN family + households | [(x)-[:SUBJECT_OF]->(cn:Concern)
     WHERE cn.raised_on <= $asOf AND (cn.closed_on IS NULL OR cn.closed_on > $asOf)
     | {id: cn.id, code: cn.code, subject_id: x.id, raised_on: cn.raised_on}][..50]]
    AS concerns,
  [p IN family | [(p)-[k:KNOWN_TO]->(ag:Agency)
     WHERE k.from_date <= $asOf AND (k.to_date IS NULL OR k.to_date >= $asOf)
     | {id: ag.id, name: ag.name}][..20]]
    AS known_to,
  [p IN family | [(p)-[:HAS_HAZARD]->(hz:Hazard) | {id: hz.id, kind: hz.kind, on: p.id}]]
    + [h IN households | [(h)-[:LOCATED_AT]->(ad:Address)-[:HAS_HAZARD]->(hz:Hazard)
       | {id: hz.id, kind: hz.kind, on: ad.id}]] AS hazards,
  [p IN family | [(p)-[:SUBJECT_OF]->(oc:Case {status: $open}) WHERE oc <> c
     | {id: oc.id, kind: oc.kind}][..20]] AS other_cases,
  [p IN family | [(w:Worker)-[i:INVOLVED_WITH]->(p)
     WHERE i.from_date <= $asOf AND (i.to_date IS NULL OR i.to_date >= $asOf)
     | {worker_id: w.id, person_id: p.id, role: i.role}][..10]] AS workers
