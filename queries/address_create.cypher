// Record an address not yet on record, with the agency and record it came from.
MERGE (a:Address {id: $id})
SET a += $props
RETURN a.id AS id
