// Why two people must not become one: they are related to each other (as family, partners,
// carers or associates), named on one case together, each on a child protection plan over
// overlapping dates, or a reviewer ruled two of their records are not one person. Read in
// the transaction that would link them.
MATCH (a:Person {id: $keepId})
MATCH (b:Person {id: $joinId})
RETURN
  [(a)-[r:PARENT_OF|SIBLING_OF|PARTNER_OF|CARES_FOR|ASSOCIATES_WITH]-(b) | type(r)][..5] AS relations,
  [(a)-[:SUBJECT_OF]->(c:Case)<-[:SUBJECT_OF]-(b) | c.id][..5] AS shared_cases,
  [(a)-[:SUBJECT_OF]->(ca:Case {kind: $childProtection})
     WHERE EXISTS {
       MATCH (b)-[:SUBJECT_OF]->(cb:Case {kind: $childProtection})
       WHERE cb <> ca
         AND ca.opened_on <= coalesce(cb.closed_on, date('9999-12-31'))
         AND cb.opened_on <= coalesce(ca.closed_on, date('9999-12-31')) }
     | ca.id][..5] AS overlapping_plans,
  [(a)<-[:RECORD_OF*0..1]-(:Person|LinkedRecord)<-[:CANDIDATE]-(m:MatchReview {status: 'rejected'})
     -[:CANDIDATE]->(:Person|LinkedRecord)-[:RECORD_OF*0..1]->(b) | m.id][..5] AS must_not_link
