// Record a typed, dated, sourced relationship between two people.
MATCH (a:Person|LinkedRecord {id: $fromId})
MATCH (b:Person|LinkedRecord {id: $toId})
MERGE (a)-[r:$($type) {id: $id}]->(b)
SET r += $props
RETURN r {.*, type: type(r), source: a.id, target: b.id} AS relationship
