// The records of an import's rows that earlier imports wrote, by (agency, kind, record id),
// with each row's position and digest. A row as the record was last set is unchanged:
// only its position comes back. For any other, what the record is in the graph, the
// digest of the row that last set it, whether it was withdrawn. One record of lists: a
// record per row costs the client more than the rest.
UNWIND $rows[..$limit] AS row
MATCH (f:FeedRecord {key: row.key})
WITH row, f, coalesce(f.hash = row.hash, false) AS same
RETURN collect(CASE WHEN same THEN row.i END) AS unchanged,
       collect(CASE WHEN NOT same THEN [f.key, f.entity_id, f.start_id, f.hash, f.withdrawn] END)
         AS records
