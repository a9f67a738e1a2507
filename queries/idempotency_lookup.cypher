// A request already applied under this idempotency key (the caller's, hashed with who
// sent it), with the fingerprint of its input, if any.
MATCH (k:IdempotencyKey {key: $key})
RETURN k.operation AS operation, k.input_hash AS input_hash, k.result_id AS result_id
LIMIT 1
