// The households an import's rows name that are on record (by the graph's ids for them).
UNWIND $ids[..$limit] AS i
MATCH (h:Household {id: i})
RETURN h.id AS id
