// Every current link that makes a family unit on $asOf (kinship, siblings as recorded,
// partnership, caring,
// household membership) and the links between families used for clusters and hubs
// (ex-partners, peers, shared places, households at one address), as [source, target,
// type, kind] lists, $chunk to a record. A record per link cost the client 50 µs each: 12 s
// of a borough's 230,000 links, against 2 s for one record. But one record is decoded in
// one go, holding up the API's event loop for 1 to 1.6 s; in chunks it can take turns.
CALL () {
  MATCH (a:Person)-[r:PARENT_OF|CARES_FOR|SIBLING_OF]->(b:Person)
  WHERE r.from_date <= $asOf AND (r.to_date IS NULL OR r.to_date >= $asOf)
  RETURN a.id AS source, b.id AS target, type(r) AS type, r.kind AS kind
  UNION ALL
  MATCH (a:Person)-[r:PARTNER_OF]->(b:Person)
  WHERE r.from_date <= $asOf
  RETURN a.id AS source, b.id AS target,
    CASE WHEN r.kind = $ex OR (r.to_date IS NOT NULL AND r.to_date < $asOf)
         THEN $pastPartner ELSE type(r) END AS type, r.kind AS kind
  UNION ALL
  MATCH (a:Person)-[r:MEMBER_OF]->(h:Household)
  WHERE r.from_date <= $asOf AND (r.to_date IS NULL OR r.to_date >= $asOf)
  RETURN a.id AS source, h.id AS target, type(r) AS type, h.area AS kind
  UNION ALL
  MATCH (h:Household)-[r:LOCATED_AT]->(a:Address)
  WHERE r.from_date <= $asOf AND (r.to_date IS NULL OR r.to_date >= $asOf)
  RETURN h.id AS source, a.id AS target, type(r) AS type, a.postcode AS kind
  UNION ALL
  MATCH (a:Person)-[r:ASSOCIATES_WITH]->(b:Person)
  WHERE r.from_date <= $asOf AND (r.to_date IS NULL OR r.to_date >= $asOf)
  RETURN a.id AS source, b.id AS target, type(r) AS type, r.kind AS kind
  UNION ALL
  MATCH (a:Person)-[r:FREQUENTS]->(p:Place)
  WHERE r.from_date <= $asOf AND (r.to_date IS NULL OR r.to_date >= $asOf)
  RETURN a.id AS source, p.id AS target, type(r) AS type, p.name AS kind
}
WITH source, target, type, kind
LIMIT $limit
WITH collect([source, target, type, kind]) AS links
UNWIND range(0, size(links) - 1, $chunk) AS start
RETURN links[start..start + $chunk] AS links
