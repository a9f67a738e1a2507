// End a relationship on a date.
MATCH (p:Person {id: $personId})-[r {id: $relationshipId}]-(other)
SET r.to_date = $endDate, r.ended_by = $sourceAgencyId
RETURN r {.*, type: type(r), source: startNode(r).id, target: endNode(r).id} AS relationship
