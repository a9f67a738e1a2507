// One review: the pair, the model's evidence, and the decision if one was made.
MATCH (m:MatchReview {id: $reviewId})
RETURN m {.*,
  left_id: head([(m)-[:CANDIDATE {side: 'left'}]->(a) | a.id]),
  right_id: head([(m)-[:CANDIDATE {side: 'right'}]->(b) | b.id])} AS review
