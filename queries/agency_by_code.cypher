// The agency recorded under a code, if any.
MATCH (a:Agency {code: $code})
RETURN a.id AS id
LIMIT 1
