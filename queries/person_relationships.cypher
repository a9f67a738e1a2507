// Every relationship of a person with another person, current and ended, with its dates
// and where it was recorded, oldest first. A birth parent's link to a child since adopted
// is restricted (shown only with break-glass).
MATCH (:Person {id: $personId})-[r:PARENT_OF|SIBLING_OF|PARTNER_OF|CARES_FOR|ASSOCIATES_WITH]-(other:Person)
WITH r, other, endNode(r) AS child
RETURN r {.*, type: type(r), source: startNode(r).id, target: child.id,
  restricted: type(r) = 'PARENT_OF' AND r.kind = 'birth'
    AND EXISTS { (child)<-[:PARENT_OF {kind: 'adoptive'}]-(:Person) }} AS relationship,
  other.id AS other_id
ORDER BY r.from_date, r.id
LIMIT $limit
