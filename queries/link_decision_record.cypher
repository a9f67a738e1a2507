// One decision about an identity, kept for good: who, when, why, and every record in it.
MATCH (identity:Person {id: $identityId})
CREATE (d:LinkDecision {id: $decisionId, kind: $kind, identity_id: $identityId,
  record_ids: $recordIds, review_id: $reviewId, decided_by: $user, decided_at: datetime(),
  reason: $reason})
CREATE (d)-[:ABOUT]->(identity)
RETURN d.id AS id
