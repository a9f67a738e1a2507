// Remember that a request was applied, and with what input, so a retry with the same key
// is applied once and a different request with it is refused.
CREATE (k:IdempotencyKey {key: $key, operation: $operation, input_hash: $inputHash,
                          result_id: $resultId, created_at: datetime()})
