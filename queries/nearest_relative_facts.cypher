// What MHA s.26 needs about one patient's family on $asOf: kin within three parent or
// sibling links (parents, children, siblings, grandparents, grandchildren, uncles, aunts,
// nephews, nieces), siblings as recorded, partners (and whether a spouse lives apart),
// carers, and who lives with the patient since when.
// A record linked into another person is read as that person.
MATCH (asked:Person|LinkedRecord {id: $personId})
WITH coalesce(head([(asked)-[:RECORD_OF]->(x:Person) | x]), asked) AS p
CALL (p) {
  OPTIONAL MATCH (p)-[:PARENT_OF|SIBLING_OF*1..3]-(kin:Person)
  RETURN collect(DISTINCT kin)[..500] AS kin
}
CALL (p) {
  OPTIONAL MATCH (p)-[r:PARTNER_OF]-(other:Person)
  WHERE r.from_date IS NULL OR r.from_date <= $asOf
  RETURN collect(r {.kind, .from_date, .to_date, .status, other: other.id}) AS partners,
         collect(other) AS partner_people
}
CALL (p) {
  OPTIONAL MATCH (carer:Person)-[c:CARES_FOR]->(p)
  WHERE c.from_date <= $asOf AND (c.to_date IS NULL OR c.to_date >= $asOf)
  RETURN collect(carer) AS carers
}
CALL (p) {
  OPTIONAL MATCH (p)-[mine:LIVES_AT]->(:Address)<-[theirs:LIVES_AT]-(other:Person)
  WHERE other <> p
    AND mine.from_date <= $asOf AND (mine.to_date IS NULL OR mine.to_date >= $asOf)
    AND theirs.from_date <= $asOf AND (theirs.to_date IS NULL OR theirs.to_date >= $asOf)
  WITH other, CASE WHEN mine.from_date > theirs.from_date THEN mine.from_date
                   ELSE theirs.from_date END AS since
  RETURN collect(other {id: other.id, since: since}) AS co_residents, collect(other) AS residents
}
WITH p, partners, co_residents, [x IN carers | x.id] AS carer_ids,
     [x IN kin + partner_people + carers + residents WHERE x IS NOT NULL] + [p] AS everyone
UNWIND everyone AS person
WITH p, partners, co_residents, carer_ids, collect(DISTINCT person) AS people
CALL (people) {
  UNWIND people AS parent
  MATCH (parent)-[r:PARENT_OF]->(child:Person)
  WHERE child IN people
  RETURN collect({parent: parent.id, child: child.id, kind: r.kind,
                  parental_responsibility: coalesce(r.parental_responsibility, false)})
         AS parent_links
}
CALL (people) {
  UNWIND people AS one
  MATCH (one)-[s:SIBLING_OF]->(other:Person)
  WHERE other IN people AND (s.from_date IS NULL OR s.from_date <= $asOf)
  RETURN collect({one: one.id, other: other.id, kind: s.kind}) AS sibling_links
}
RETURN p.id AS patient_id,
  [x IN people | x {.id, .full_name, .sex, .date_of_birth, .deceased_on,
                    .ordinarily_resident_uk,
                    housed: EXISTS { (x)-[l:LIVES_AT]->(:Address)
                                     WHERE l.from_date <= $asOf
                                       AND (l.to_date IS NULL OR l.to_date >= $asOf) }}]
    AS people,
  parent_links, sibling_links, partners, carer_ids, co_residents
