// Every person's own record, as linkage compares it (records already linked into someone
// are compared through that person), with the address it has now and every address it
// has them at (its linked records' too), and whom it is recorded as related to (then the
// two are never a pair). Bounded.
MATCH (p:Person)
RETURN p.id AS id, p.given_name AS given_name, p.family_name AS family_name,
  p.date_of_birth AS date_of_birth, p.sex AS sex,
  head([(p)-[l:LIVES_AT]->(a:Address) WHERE l.to_date IS NULL AND l.derived_from IS NULL
        | a {.line1, .postcode}]) AS address,
  [(p)-[l:LIVES_AT]->(a:Address) | a {.line1, .postcode}][..20] AS addresses_ever,
  [(p)-[:PARENT_OF|SIBLING_OF|PARTNER_OF|CARES_FOR|ASSOCIATES_WITH]-(o:Person|LinkedRecord)
   | o.id][..100] AS relatives
LIMIT $limit
