// Bulk load Household nodes: idempotent, keyed on the stable id.
UNWIND $rows AS row
MERGE (n:Household {id: row.id})
SET n += row.props
