// Bulk load Case nodes: idempotent, keyed on the stable id.
UNWIND $rows AS row
MERGE (n:Case {id: row.id})
SET n += row.props
