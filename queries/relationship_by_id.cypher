// One relationship of a person, found by expanding from them.
MATCH (p:Person|LinkedRecord {id: $personId})-[r {id: $relationshipId}]-(other)
RETURN r {.*, type: type(r), source: startNode(r).id, target: endNode(r).id} AS relationship
LIMIT 1
