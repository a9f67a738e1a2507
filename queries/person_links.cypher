// Each person's households, addresses, agencies and open cases on $asOf; every agency's
// record of them (their own first, then those linked into them); and pairs with other
// people awaiting review.
UNWIND $ids AS person_id
MATCH (p:Person {id: person_id})
RETURN p.id AS id,
  [(p)-[m:MEMBER_OF]->(hh:Household)
     WHERE m.from_date <= $asOf AND (m.to_date IS NULL OR m.to_date >= $asOf)
     | hh {.*, since: m.from_date,
           address: head([(hh)-[:LOCATED_AT]->(ad:Address) | ad {.*}])}][..20] AS households,
  [(p)-[l:LIVES_AT]->(a:Address)
     WHERE l.from_date <= $asOf AND (l.to_date IS NULL OR l.to_date >= $asOf)
     | a {.*, since: l.from_date}][..20] AS addresses,
  [(p)-[k:KNOWN_TO]->(ag:Agency)
     | {agency: ag {.*}, reference: k.reference, since: k.from_date, until: k.to_date}][..50]
     AS known_to,
  [(p)-[:SUBJECT_OF]->(c:Case) WHERE c.status = $open
     | c {.*, worker: head([(c)-[al:ALLOCATED_TO]->(w:Worker) WHERE al.to_date IS NULL
                            | w {.*}]),
         allocation: head([(c)-[al:ALLOCATED_TO]->(w:Worker) WHERE al.to_date IS NULL
                           | al {.*, worker_id: w.id}])}][..50] AS open_cases,
  [p {.id, .given_name, .family_name, .date_of_birth, .sex, .source_agency,
      .source_record_id}] +
  [(s:LinkedRecord)-[l:RECORD_OF]->(p)
     | s {.id, .given_name, .family_name, .date_of_birth, .sex, .source_agency,
          .source_record_id, linked_at: l.linked_at}][..50] AS records,
  [(p)<-[:RECORD_OF*0..1]-(:Person|LinkedRecord)<-[:CANDIDATE]-(m:MatchReview {status: 'pending'})
     -[:CANDIDATE]->(other:Person|LinkedRecord)
     WHERE NOT (other)-[:RECORD_OF*0..1]->(p)
     | {review_id: m.id, band: m.band, match_weight: m.match_weight,
        person_id: coalesce(head([(other)-[:RECORD_OF]->(x:Person) | x.id]), other.id)}][..20]
     AS possible_duplicates
