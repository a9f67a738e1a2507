// An address already on record with the same first line in the same postcode, compared
// word by word in lower case, so doubled spaces in a loaded line do not hide it. A
// protected address (a refuge) is compared only with break-glass ($seeProtected): without
// it, an answer would confirm where the refuge is.
MATCH (a:Address {postcode: $postcode})
WHERE [word IN split(toLower(a.line1), ' ') WHERE word <> ''] = $words
  AND ($seeProtected OR NOT coalesce(a.protected, false))
// Where a refuge and an ordinary record of the same line both match (the ordinary one
// made by someone who could not see the refuge), the refuge is the answer, then the first
// by id: never whichever the index happens to give first.
RETURN a.id AS id
ORDER BY coalesce(a.protected, false) DESC, a.id
LIMIT 1
