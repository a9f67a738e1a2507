// The family network around one person as it stood on $asOf, in one round trip.
// Kinship, partnership, caring and shared households are walked up to 2 x $depth
// hops (a shared household is two: person -> household -> person); nodes are capped.
// A record linked into another person starts from that person: one person, one network.
MATCH (asked:Person|LinkedRecord {id: $personId})
WITH coalesce(head([(asked)-[:RECORD_OF]->(x:Person) | x]), asked) AS start
CALL (start) {
  WITH start WHERE $depth = 1
  MATCH (start)-[rs:PARENT_OF|SIBLING_OF|PARTNER_OF|CARES_FOR|MEMBER_OF*0..2]-(n)
  WHERE all(r IN rs WHERE r.from_date <= $asOf AND (r.to_date IS NULL OR r.to_date >= $asOf))
  RETURN DISTINCT n
  UNION
  WITH start WHERE $depth = 2
  MATCH (start)-[rs:PARENT_OF|SIBLING_OF|PARTNER_OF|CARES_FOR|MEMBER_OF*0..4]-(n)
  WHERE all(r IN rs WHERE r.from_date <= $asOf AND (r.to_date IS NULL OR r.to_date >= $asOf))
  RETURN DISTINCT n
  UNION
  WITH start WHERE $depth = 3
  MATCH (start)-[rs:PARENT_OF|SIBLING_OF|PARTNER_OF|CARES_FOR|MEMBER_OF*0..6]-(n)
  WHERE all(r IN rs WHERE r.from_date <= $asOf AND (r.to_date IS NULL OR r.to_date >= $asOf))
  RETURN DISTINCT n
}
WITH start, collect(n)[..$maxNodes] AS reached
WITH start,
  [n IN reached WHERE n:Person AND (n.date_of_birth IS NULL OR n.date_of_birth <= $asOf)]
    AS people,
  [n IN reached WHERE n:Household] AS households
CALL (people) {
  UNWIND people AS a
  MATCH (a)-[r:PARENT_OF|SIBLING_OF|PARTNER_OF|CARES_FOR|ASSOCIATES_WITH]->(b:Person)
  WHERE b IN people AND r.from_date <= $asOf AND (r.to_date IS NULL OR r.to_date >= $asOf)
  // An adopted child's birth-family links are restricted records (break-glass only).
  RETURN collect(r {.*, type: type(r), source: a.id, target: b.id,
    restricted: type(r) = 'PARENT_OF' AND r.kind = 'birth'
      AND EXISTS { (b)<-[:PARENT_OF {kind: 'adoptive'}]-(:Person) }}) AS family_edges
}
CALL (people, households) {
  UNWIND people AS a
  MATCH (a)-[r:MEMBER_OF]->(h:Household)
  WHERE h IN households AND r.from_date <= $asOf AND (r.to_date IS NULL OR r.to_date >= $asOf)
  RETURN collect(r {.*, type: type(r), source: a.id, target: h.id}) AS member_edges
}
CALL (people) {
  UNWIND people AS p
  RETURN collect(p {.id, .given_name, .family_name, .full_name, .sex, .date_of_birth,
    .deceased_on, .source_agency, .source_record_id,
    person_hazards: [(p)-[:HAS_HAZARD]->(h:Hazard) | h {.*, person_id: p.id}][..50],
    address_hazards: [(p)-[l:LIVES_AT]->(ad:Address)-[:HAS_HAZARD]->(h:Hazard)
      WHERE l.from_date <= $asOf AND (l.to_date IS NULL OR l.to_date >= $asOf)
      | h {.*, address_id: ad.id}][..50],
    // Whoever else lives there now, family or not, on this view or not: a visit meets
    // them too, so their hazards are shown (without them, by need to know).
    resident_hazards: [(p)-[l:LIVES_AT]->(:Address)<-[o:LIVES_AT]-(other:Person)
        -[:HAS_HAZARD]->(h:Hazard)
      WHERE NOT other IN people
        AND l.from_date <= $asOf AND (l.to_date IS NULL OR l.to_date >= $asOf)
        AND o.from_date <= $asOf AND (o.to_date IS NULL OR o.to_date >= $asOf)
      | h {.*, person_id: other.id}][..50],
    lives_at: [(p)-[l:LIVES_AT]->(ad:Address)
      WHERE l.from_date <= $asOf AND (l.to_date IS NULL OR l.to_date >= $asOf)
      | ad {.id, .line1, .postcode, .protected, since: l.from_date, relationship_id: l.id}][..5],
    known_to: [(p)-[k:KNOWN_TO]->(ag:Agency)
      WHERE k.from_date <= $asOf AND (k.to_date IS NULL OR k.to_date >= $asOf)
      | ag {.id, .name, .kind, reference: k.reference, since: k.from_date,
            relationship_id: k.id}][..30],
    concerns: [(p)-[:SUBJECT_OF]->(c:Concern)
      WHERE c.raised_on <= $asOf AND (c.closed_on IS NULL OR c.closed_on > $asOf)
      | c {.*, raised_by: head([(c)-[:RAISED_BY]->(rb:Agency) | rb.id])}][..50],
    workers: [(w:Worker)-[i:INVOLVED_WITH]->(p)
      WHERE i.from_date <= $asOf AND (i.to_date IS NULL OR i.to_date >= $asOf)
      | w {.id, .given_name, .family_name, role_in_case: i.role, relationship_id: i.id}][..10]
  }) AS people_out
}
RETURN start.id AS start_id, people_out AS people,
  [h IN households | h {.*,
    address: head([(h)-[:LOCATED_AT]->(ad:Address) | ad {.*}]),
    concerns: [(h)-[:SUBJECT_OF]->(c:Concern)
      WHERE c.raised_on <= $asOf AND (c.closed_on IS NULL OR c.closed_on > $asOf)
      | c {.*, raised_by: head([(c)-[:RAISED_BY]->(rb:Agency) | rb.id])}][..50]}] AS households,
  family_edges + member_edges AS edges,
  size(people) + size(households) >= $maxNodes AS truncated
