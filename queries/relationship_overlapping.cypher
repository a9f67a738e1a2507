// An existing relationship of the same type between a person and another person, or a
// household, whose dates overlap.
MATCH (a:Person {id: $fromId})-[r]-(b {id: $toId})
WHERE type(r) = $type
  AND (r.to_date IS NULL OR r.to_date >= $fromDate)
  AND ($toDate IS NULL OR r.from_date IS NULL OR r.from_date <= $toDate)
RETURN r.id AS id
LIMIT 1
