// Bulk load Concern nodes: idempotent, keyed on the stable id.
UNWIND $rows AS row
MERGE (n:Concern {id: row.id})
SET n += row.props
