// One hazard with the person or address it warns about.
MATCH (h:Hazard {id: $id})
RETURN h {.*,
  person_id: head([(p:Person)-[:HAS_HAZARD]->(h) | p.id]),
  address_id: head([(a:Address)-[:HAS_HAZARD]->(h) | a.id])} AS hazard
LIMIT 1
