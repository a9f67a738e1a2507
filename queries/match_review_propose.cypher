// Put scored pairs to a reviewer, once per pair: a pair already decided (confirmed, or
// rejected, which means "must not link") keeps its decision; a pending one its place.
UNWIND $pairs AS pair
MATCH (a:Person|LinkedRecord {id: pair.left_id})
MATCH (b:Person|LinkedRecord {id: pair.right_id})
MERGE (m:MatchReview {pair_key: pair.pair_key})
ON CREATE SET m.id = pair.id, m.status = 'pending', m.band = pair.band,
  m.match_weight = pair.match_weight, m.field_names = pair.field_names,
  m.field_weights = pair.field_weights, m.model_version = $modelVersion,
  m.proposed_at = datetime(), m.proposed_by = $user
MERGE (m)-[:CANDIDATE {side: 'left'}]->(a)
MERGE (m)-[:CANDIDATE {side: 'right'}]->(b)
RETURN m.id AS id, m.status AS status, m.band AS band, pair.left_id AS left_id,
  pair.right_id AS right_id
