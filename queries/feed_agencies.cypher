// Every agency by id and code: a feed names the agencies whose records it refers to.
MATCH (a:Agency)
RETURN a.id AS id, a.code AS code
LIMIT $limit
