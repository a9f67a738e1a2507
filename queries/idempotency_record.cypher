// Remember that a request was applied, so a retry with the same key is applied once.
CREATE (k:IdempotencyKey {key: $key, operation: $operation, result_id: $resultId,
                          created_at: datetime()})
