// The records of an import's rows that earlier imports wrote, by (agency, kind, record id):
// what each is in the graph, what it last set (its hash), and whether it was withdrawn.
UNWIND $keys[..$limit] AS key
MATCH (f:FeedRecord {key: key})
RETURN f.key AS key, f.entity_id AS entity_id, f.start_id AS start_id, f.hash AS hash,
  f.withdrawn AS withdrawn
