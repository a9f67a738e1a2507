// Name search tolerant of spelling (fuzzy terms and phonetic codes), narrowed by date
// of birth, age and postcode, ranked by score; one page plus one match to detect more.
// Each person comes with every hazard (their own and their addresses'), as everywhere,
// and says whether a possible duplicate of theirs awaits review.
CALL db.index.fulltext.queryNodes($index, $lucene, {limit: $candidates})
YIELD node, score
// A record linked into someone finds that person, by any agency's spelling of them.
WITH coalesce(head([(node)-[:RECORD_OF]->(x:Person) | x]), node) AS p, max(score) AS score
WHERE ($dateOfBirth IS NULL OR p.date_of_birth = $dateOfBirth)
  AND ($bornAfter IS NULL OR p.date_of_birth > $bornAfter)
  AND ($bornOnOrBefore IS NULL OR p.date_of_birth <= $bornOnOrBefore)
  // A protected address (a refuge) matches no postcode unless the request broke glass:
  // a search must not confirm who lives there.
  AND ($postcode IS NULL OR EXISTS {
        MATCH (p)-[l:LIVES_AT]->(a:Address)
        WHERE l.to_date IS NULL AND a.postcode = $postcode
          AND ($seeProtected OR NOT coalesce(a.protected, false)) })
  // An agency-scoped caller pages through the people its agency is involved with (as in
  // agency_scope), so a page is never emptied afterwards by need to know.
  AND ($scopeAgency IS NULL
       OR EXISTS { (p)-[:KNOWN_TO]->(:Agency {id: $scopeAgency}) }
       OR EXISTS { (p)-[:SUBJECT_OF]->(:Concern)-[:RAISED_BY]->(:Agency {id: $scopeAgency}) }
       OR EXISTS { (p)-[:SUBJECT_OF]->(:Case {source_agency: $scopeAgency}) })
WITH p, score
ORDER BY score DESC, p.id
SKIP $offset
LIMIT $limit
// One row holding the page: a record per person costs the client a message each.
WITH score, p {.*} AS person,
  [(p)-[:HAS_HAZARD]->(h:Hazard) | h {.*, person_id: p.id}][..50] AS person_hazards,
  [(p)-[l:LIVES_AT]->(a:Address)-[:HAS_HAZARD]->(h:Hazard)
     WHERE l.from_date <= $asOf AND (l.to_date IS NULL OR l.to_date >= $asOf)
     | h {.*, address_id: a.id}][..50] AS address_hazards,
  EXISTS { (p)<-[:RECORD_OF*0..1]-(:Person|LinkedRecord)
           <-[:CANDIDATE]-(:MatchReview {status: 'pending'}) } AS awaiting_review
RETURN collect({score: score, person: person, person_hazards: person_hazards,
                address_hazards: address_hazards, awaiting_review: awaiting_review})
  AS matches
