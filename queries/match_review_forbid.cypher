// Pairs a reviewer has ruled are not one person ("must not link"): never proposed again,
// and refused if anyone tries to link them.
UNWIND $pairs AS pair
MATCH (a:Person|LinkedRecord {id: pair.left_id})
MATCH (b:Person|LinkedRecord {id: pair.right_id})
MERGE (m:MatchReview {pair_key: pair.pair_key})
ON CREATE SET m.id = pair.id, m.proposed_at = datetime(), m.proposed_by = $user
SET m.status = 'rejected', m.decided_by = $user, m.decided_at = datetime(),
  m.reason = $reason, m.decision_id = $decisionId
MERGE (m)-[:CANDIDATE {side: 'left'}]->(a)
MERGE (m)-[:CANDIDATE {side: 'right'}]->(b)
RETURN count(m) AS forbidden
