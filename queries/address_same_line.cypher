// An address already on record with the same first line in the same postcode.
MATCH (a:Address {postcode: $postcode})
WHERE toLower(a.line1) = $line1
RETURN a.id AS id
LIMIT 1
