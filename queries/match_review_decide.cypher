// Record a reviewer's decision on a pending pair; a pair decided already is left alone
// (and nothing is returned, so the caller can say so).
MATCH (m:MatchReview {id: $reviewId})
WHERE m.status = 'pending'
SET m.status = $status, m.decided_by = $user, m.decided_at = datetime(), m.reason = $reason,
  m.decision_id = $decisionId
RETURN m.id AS id
