// An address already on record with the same first line in the same postcode, compared
// word by word in lower case, so doubled spaces in a loaded line do not hide it.
MATCH (a:Address {postcode: $postcode})
WHERE [word IN split(toLower(a.line1), ' ') WHERE word <> ''] = $words
RETURN a.id AS id
LIMIT 1
