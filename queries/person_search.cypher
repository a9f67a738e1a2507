// Name search tolerant of spelling (fuzzy terms and phonetic codes), narrowed by date
// of birth, age and postcode, ranked by score; one page plus one row to detect more.
CALL db.index.fulltext.queryNodes($index, $lucene, {limit: $candidates})
YIELD node AS p, score
WHERE ($dateOfBirth IS NULL OR p.date_of_birth = $dateOfBirth)
  AND ($bornAfter IS NULL OR p.date_of_birth > $bornAfter)
  AND ($bornOnOrBefore IS NULL OR p.date_of_birth <= $bornOnOrBefore)
  AND ($postcode IS NULL OR EXISTS {
        MATCH (p)-[l:LIVES_AT]->(a:Address)
        WHERE l.to_date IS NULL AND a.postcode = $postcode })
RETURN p.id AS id, score
ORDER BY score DESC, id
SKIP $offset
LIMIT $limit
