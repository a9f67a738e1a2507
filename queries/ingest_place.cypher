// Bulk load Place nodes: idempotent, keyed on the stable id.
UNWIND $rows AS row
MERGE (n:Place {id: row.id})
SET n += row.props
