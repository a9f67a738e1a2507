// One contact with its ratings, its agency checks, its people and the case it led to.
MATCH (c:Contact {id: $id})
RETURN c {.*,
  referrer_agency_name: head([(c)-[:FROM]->(a:Agency) | a.name]),
  subject_ids: [(c)-[:ABOUT]->(p) | p.id][..50],
  ratings: [(c)-[:RATED]->(r:ContactRating) | r {.*}][..100],
  checks: [(c)-[:CHECK]->(k:AgencyCheck)-[:ASKS]->(a:Agency)
           | k {.*, agency_name: a.name, agency_kind: a.kind}][..50],
  case_id: head([(c)-[:LED_TO]->(k:Case) | k.id])} AS contact
LIMIT 1
