// The review queue: pairs awaiting a decision, strongest evidence first, one page plus one
// to tell whether there are more. A pair whose records are one identity already (linked
// another way since) is no longer a question, so it is left out.
MATCH (m:MatchReview {status: 'pending'})
WITH m,
  head([(m)-[:CANDIDATE {side: 'left'}]->(a) | a]) AS a,
  head([(m)-[:CANDIDATE {side: 'right'}]->(b) | b]) AS b
WITH m, a, b,
  coalesce(head([(a)-[:RECORD_OF]->(x:Person) | x]), a) AS ia,
  coalesce(head([(b)-[:RECORD_OF]->(x:Person) | x]), b) AS ib
WHERE ia <> ib AND ($personId IS NULL OR $personId IN [a.id, b.id, ia.id, ib.id])
WITH m, a, b ORDER BY m.match_weight DESC, m.id
SKIP $offset LIMIT $limit
RETURN m {.*, left_id: a.id, right_id: b.id} AS review
