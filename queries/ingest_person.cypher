// Bulk load Person nodes: idempotent, keyed on the stable id.
UNWIND $rows AS row
MERGE (n:Person {id: row.id})
SET n += row.props
