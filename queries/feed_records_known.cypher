// The records of an import's rows that earlier imports wrote, by (agency, kind, record id):
// what each is in the graph, the digest of the row that last set it, whether it was
// withdrawn. One record of lists: a record per row costs the client more than the rest.
UNWIND $keys[..$limit] AS key
MATCH (f:FeedRecord {key: key})
RETURN collect([f.key, f.entity_id, f.start_id, f.hash, f.withdrawn]) AS records
