// The addresses a person lives at on $on or later: what a move on $on ends or contradicts.
MATCH (p:Person {id: $personId})-[l:LIVES_AT]->(a:Address)
WHERE l.to_date IS NULL OR l.to_date >= $on
RETURN l.id AS id, a.id AS address_id, l.from_date AS from_date
ORDER BY l.from_date DESC
LIMIT 50
