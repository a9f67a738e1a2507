// Pairs still awaiting review whose records are now all one person (linked another way):
// no longer a question, so they are settled by the decision that made them one.
MATCH (keep:Person {id: $keepId})
MATCH (m:MatchReview {status: 'pending'})-[:CANDIDATE]->(:Person|LinkedRecord)
  -[:RECORD_OF*0..1]->(keep)
WITH DISTINCT m, keep
WHERE all(record IN [(m)-[:CANDIDATE]->(r) | r]
          WHERE record = keep OR EXISTS { (record)-[:RECORD_OF]->(keep) })
SET m.status = 'confirmed', m.decided_by = $user, m.decided_at = datetime(),
  m.reason = $reason, m.decision_id = $decisionId
RETURN count(m) AS settled
