// One person's family unit on $asOf: everyone reachable through current kinship,
// partnership, caring and household membership (bounded), with their links, children
// and current concerns, for the per-family indicators.
// A record linked into another person is read as that person.
MATCH (asked:Person|LinkedRecord {id: $personId})
WITH coalesce(head([(asked)-[:RECORD_OF]->(x:Person) | x]), asked) AS start
OPTIONAL MATCH (start)-[rs:PARENT_OF|SIBLING_OF|PARTNER_OF|CARES_FOR|MEMBER_OF*1..8]-(n)
WHERE all(r IN rs WHERE r.from_date <= $asOf AND (r.to_date IS NULL OR r.to_date >= $asOf)
                    AND coalesce(r.kind, $none) <> $ex)
// A record linked into someone is in the unit as that person (its facts are theirs).
WITH start,
  [x IN collect(DISTINCT n) WHERE x <> start AND NOT x:LinkedRecord][..$limit] + [start] AS unit
UNWIND unit AS a
WITH start, unit, a WHERE a IS NOT NULL
OPTIONAL MATCH (a)-[r:PARENT_OF|SIBLING_OF|PARTNER_OF|CARES_FOR|MEMBER_OF]->(b)
WHERE b IN unit AND r.from_date <= $asOf AND (r.to_date IS NULL OR r.to_date >= $asOf)
  AND coalesce(r.kind, $none) <> $ex
WITH start, unit, a, collect(CASE WHEN b IS NULL THEN null ELSE [a.id, b.id, type(r),
  CASE WHEN b:Household THEN b.area ELSE r.kind END] END) AS links
WITH start, unit, collect(links) AS nested
RETURN start.id AS person_id, reduce(all = [], l IN nested | all + l) AS links,
  [p IN unit WHERE p:Person AND p.date_of_birth > $adultBornOnOrBefore
                 AND p.date_of_birth <= $asOf | p.id] AS children,
  [p IN unit WHERE p:Person AND p.due_date >= $asOf | p.id] AS expectant,
  [p IN unit WHERE p:Person | p {.id, .full_name}] AS people,
  [x IN unit | [(x)-[:SUBJECT_OF]->(c:Concern)
     WHERE c.raised_on <= $asOf AND (c.closed_on IS NULL OR c.closed_on > $asOf)
     | {id: c.id, code: c.code, subject_id: x.id, raised_on: c.raised_on, severity: c.severity,
        raised_by: head([(c)-[:RAISED_BY]->(ag:Agency) | ag.name])}]] AS concerns
