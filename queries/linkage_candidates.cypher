// The records that may be the same person as one arriving: blocked on the date of birth
// (as recorded, or with day and month swapped) and on names that are spelled or sound
// alike (the search's own name query); each with the address it has now and whom it is
// recorded as related to. Bounded.
CALL () {
  UNWIND [d IN [$dateOfBirth, $dateTransposed] WHERE d IS NOT NULL] AS born
  MATCH (p:Person|LinkedRecord {date_of_birth: born})
  RETURN p
  UNION
  CALL db.index.fulltext.queryNodes($index, $lucene, {limit: $limit})
  YIELD node AS p
  RETURN p
}
WITH DISTINCT p
WHERE p.id <> $recordId
WITH p LIMIT $limit
RETURN p.id AS id, p.given_name AS given_name, p.family_name AS family_name,
  p.date_of_birth AS date_of_birth, p.sex AS sex,
  head([(p)-[l:LIVES_AT]->(a:Address) WHERE l.to_date IS NULL AND l.derived_from IS NULL
        | a {.line1, .postcode}]) AS address,
  [(p)-[l:LIVES_AT]->(a:Address) WHERE l.derived_from IS NULL
   | a {.line1, .postcode}][..20] AS addresses_ever,
  [(p)-[:PARENT_OF|SIBLING_OF|PARTNER_OF|CARES_FOR|ASSOCIATES_WITH]-(o:Person|LinkedRecord)
   | o.id][..100] AS relatives
