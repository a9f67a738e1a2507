// Bulk load Agency nodes: idempotent, keyed on the stable id.
UNWIND $rows AS row
MERGE (n:Agency {id: row.id})
SET n += row.props
