// A person known to an agency from a date, under the agency's own reference.
MATCH (p:Person|LinkedRecord {id: $personId})
MATCH (a:Agency {id: $agencyId})
MERGE (p)-[k:KNOWN_TO {id: $id}]->(a)
SET k += $props
RETURN k {.*, type: type(k), source: p.id, target: a.id} AS relationship
