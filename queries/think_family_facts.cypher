// What Think Family rules read about the person something serious was recorded about
// (as the person their record is linked into, if it is), on a date: their households
// now, their partners now with the households those partners live in, and everyone
// living at the address concerned (theirs, or the one named), with those people's workers.
OPTIONAL MATCH (given:Person|LinkedRecord {id: $personId})
WITH head([(given)-[:RECORD_OF]->(p:Person) | p] + [given]) AS person
CALL (person) {
  OPTIONAL MATCH (person)-[m:MEMBER_OF]->(h:Household)
  WHERE m.from_date <= $on AND (m.to_date IS NULL OR m.to_date >= $on)
  WITH h WHERE h IS NOT NULL
  RETURN collect(h {.id, members: [(x:Person)-[n:MEMBER_OF]->(h)
    WHERE n.from_date <= $on AND (n.to_date IS NULL OR n.to_date >= $on)
    | {id: x.id, born: x.date_of_birth}][..50]})[..10] AS households
}
CALL (person) {
  OPTIONAL MATCH (person)-[r:PARTNER_OF]-(partner:Person)
  WHERE coalesce(r.kind, '') <> 'ex' AND (r.to_date IS NULL OR r.to_date >= $on)
  WITH partner WHERE partner IS NOT NULL
  RETURN collect(DISTINCT partner {.id, households: [(partner)-[m:MEMBER_OF]->(h:Household)
    WHERE m.from_date <= $on AND (m.to_date IS NULL OR m.to_date >= $on)
    | h {.id, members: [(x:Person)-[n:MEMBER_OF]->(h)
        WHERE n.from_date <= $on AND (n.to_date IS NULL OR n.to_date >= $on)
        | {id: x.id, born: x.date_of_birth}][..50]}][..10]})[..20] AS partners
}
CALL (person) {
  OPTIONAL MATCH (a:Address)
  WHERE a.id = $addressId OR EXISTS {
    MATCH (person)-[l:LIVES_AT]->(a) WHERE l.to_date IS NULL OR l.to_date >= $on }
  OPTIONAL MATCH (resident:Person)-[l:LIVES_AT]->(a)
  WHERE l.from_date <= $on AND (l.to_date IS NULL OR l.to_date >= $on)
  WITH DISTINCT resident WHERE resident IS NOT NULL
  RETURN collect({id: resident.id, workers: [(resident)-[:SUBJECT_OF]->(c:Case {status: 'open'})
    -[al:ALLOCATED_TO]->(w:Worker) WHERE al.to_date IS NULL | w.id][..20]})[..200] AS residents
}
RETURN person.id AS person_id, person.date_of_birth AS born, households, partners, residents
LIMIT 1
