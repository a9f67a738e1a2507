// An address already on record with the same first line in the same postcode, compared
// word by word in lower case, so doubled spaces in a loaded line do not hide it. A
// protected address (a refuge) is compared only with break-glass ($seeProtected): without
// it, an answer would confirm where the refuge is.
MATCH (a:Address {postcode: $postcode})
WHERE [word IN split(toLower(a.line1), ' ') WHERE word <> ''] = $words
  AND ($seeProtected OR NOT coalesce(a.protected, false))
RETURN a.id AS id
LIMIT 1
