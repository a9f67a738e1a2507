// Bulk load Worker nodes: idempotent, keyed on the stable id.
UNWIND $rows AS row
MERGE (n:Worker {id: row.id})
SET n += row.props
