// Records as their agencies sent them, each with the person (identity) it is a record of
// and the address it has now (for linkage, and for a reviewer as need to know allows)
// and every address it has them at, now or before (for linkage).
UNWIND $ids[..$limit] AS record_id
MATCH (p:Person|LinkedRecord {id: record_id})
RETURN p {.id, .given_name, .family_name, .date_of_birth, .sex, .source_agency,
    .source_record_id,
    person_id: coalesce(head([(p)-[:RECORD_OF]->(x:Person) | x.id]), p.id),
    address: head([(p)-[l:LIVES_AT]->(a:Address) WHERE l.to_date IS NULL
                   AND l.derived_from IS NULL | a {.*}]),
    addresses_ever: [(p)-[l:LIVES_AT]->(a:Address) WHERE l.derived_from IS NULL
                     | a {.line1, .postcode}][..20]} AS record
