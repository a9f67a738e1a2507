// The compact facts that weigh each case in a worker's caseload on $asOf (the same facts as
// allocation_case_facts, without names or evidence): kinds, family dates of birth, concern
// codes and dates, agencies, hazards and other open cases. Bounded as that query is.
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
WITH c, households, housemates + [s IN subjects WHERE NOT s IN housemates] AS family
WITH c, households, family,
  reduce(all = [], x IN family + households | all + [(x)-[:SUBJECT_OF]->(cn:Concern)
     WHERE cn.raised_on <= $asOf AND (cn.closed_on IS NULL OR cn.closed_on > $asOf)
     | cn][..50]) AS concerns
RETURN c.id AS id, c.kind AS kind, c.source_agency AS agency_id,
  [p IN family | p.date_of_birth] AS born,
  [cn IN concerns | cn.code] AS codes,
  [cn IN concerns | cn.raised_on] AS raised,
  reduce(all = [], p IN family | all + [(p)-[k:KNOWN_TO]->(ag:Agency)
     WHERE k.from_date <= $asOf AND (k.to_date IS NULL OR k.to_date >= $asOf) | ag.id])
    AS agencies,
  reduce(all = [], p IN family | all + [(p)-[:HAS_HAZARD]->(hz:Hazard) | hz.id])
    + reduce(all = [], h IN households
             | all + [(h)-[:LOCATED_AT]->(:Address)-[:HAS_HAZARD]->(hz:Hazard) | hz.id])
    AS hazards,
  reduce(all = [], p IN family | all + [(p)-[:SUBJECT_OF]->(oc:Case {status: $open})
     WHERE oc <> c | oc.id + ' ' + oc.kind]) AS other_cases
