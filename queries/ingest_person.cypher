// Bulk load Person nodes: idempotent, keyed on the stable id. A record linked into someone
// since it was loaded is a LinkedRecord now and stays as it is: a Person of its id would
// split it off its person again.
UNWIND $rows AS row
WITH row WHERE NOT EXISTS { MATCH (:LinkedRecord {id: row.id}) }
MERGE (n:Person {id: row.id})
SET n += row.props
