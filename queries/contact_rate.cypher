// Rate a contact (or rate it again), keeping every rating with who gave it and why.
MATCH (c:Contact {id: $id})
CREATE (c)-[:RATED]->(r:ContactRating)
SET r += $rating, r.seq = c.steps_recorded, c.rag = $rating.rag, c.rated_at = $rating.at,
    c.state = CASE WHEN c.state = 'received' THEN 'rated' ELSE c.state END
RETURN c.id AS id
