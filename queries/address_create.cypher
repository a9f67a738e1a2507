// Record an address not yet on record: dated by the write, sourced.
MERGE (a:Address {id: $id})
SET a += $props
RETURN a.id AS id
