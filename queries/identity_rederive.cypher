// Rebuild what one identity shows from its records. Each relationship of a record linked
// into it, and each relationship between one of its records and a record linked into
// another identity, is copied between the identities' people, marked `derived_from` (the
// original's id). The records' own relationships are never changed, so whatever un-merges
// gets back exactly what its agency recorded. Idempotent: every copy is rebuilt.
MATCH (p:Person {id: $personId})
CALL (p) {
  MATCH (p)-[d]-()
  WHERE d.derived_from IS NOT NULL
  DELETE d
}
WITH p, [p] + [(s:LinkedRecord)-[:RECORD_OF]->(p) | s][..$maxRecords] AS records
UNWIND records AS record
MATCH (record)-[r]-(other)
WHERE r.derived_from IS NULL AND NOT type(r) IN ['RECORD_OF', 'CANDIDATE', 'ABOUT']
WITH DISTINCT r, startNode(r) AS a, endNode(r) AS b
WITH r,
  coalesce(head([(a)-[:RECORD_OF]->(x:Person) | x]), a) AS from,
  coalesce(head([(b)-[:RECORD_OF]->(x:Person) | x]), b) AS to,
  a, b
WHERE (from <> a OR to <> b) AND from <> to
// One copy per kind, pair and start date: two agencies' records of one parenthood are one.
WITH from, to, type(r) AS kind, r.from_date AS since, collect(r)[0] AS r
WHERE NOT EXISTS {
  MATCH (from)-[e]->(to)
  WHERE type(e) = kind AND e.derived_from IS NULL
    AND (e.from_date = since OR (e.from_date IS NULL AND since IS NULL))
}
CREATE (from)-[d:$(kind)]->(to)
SET d = properties(r), d.derived_from = r.id, d.via_record = CASE
  WHEN startNode(r) <> from THEN startNode(r).id ELSE endNode(r).id END
RETURN count(d) AS derived
