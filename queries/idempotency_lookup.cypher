// A request already applied under this idempotency key, if any.
MATCH (k:IdempotencyKey {key: $key})
RETURN k.operation AS operation, k.result_id AS result_id
LIMIT 1
