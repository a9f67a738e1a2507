// Bulk load Hazard nodes: idempotent, keyed on the stable id.
UNWIND $rows AS row
MERGE (n:Hazard {id: row.id})
SET n += row.props
