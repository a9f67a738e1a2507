// Each person with every hazard, always: their own and those on any address they
// live at on $asOf. An id of a record linked into another person answers with that
// person (`asked` says which id asked).
UNWIND $ids AS person_id
MATCH (r:Person|LinkedRecord {id: person_id})
WITH person_id, coalesce(head([(r)-[:RECORD_OF]->(x:Person) | x]), r) AS p
RETURN person_id AS asked, p {.*} AS person,
  [(p)-[:HAS_HAZARD]->(h:Hazard) | h {.*, person_id: p.id}][..50] AS person_hazards,
  [(p)-[l:LIVES_AT]->(a:Address)-[:HAS_HAZARD]->(h:Hazard)
     WHERE l.from_date <= $asOf AND (l.to_date IS NULL OR l.to_date >= $asOf)
     | h {.*, address_id: a.id}][..50] AS address_hazards,
  EXISTS { (p)<-[:RECORD_OF*0..1]-(:Person|LinkedRecord)
           <-[:CANDIDATE]-(:MatchReview {status: 'pending'}) } AS awaiting_review
