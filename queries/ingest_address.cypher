// Bulk load Address nodes: idempotent, keyed on the stable id.
UNWIND $rows AS row
MERGE (n:Address {id: row.id})
SET n += row.props
