// Every recorded given and family name, for the population's name frequencies. Bounded.
MATCH (p:Person|LinkedRecord)
RETURN p.given_name AS given_name, p.family_name AS family_name
LIMIT $limit
