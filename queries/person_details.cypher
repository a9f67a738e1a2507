// Each person with every hazard, always: their own and those on any address they
// live at on $asOf.
UNWIND $ids AS person_id
MATCH (p:Person {id: person_id})
RETURN p {.*} AS person,
  [(p)-[:HAS_HAZARD]->(h:Hazard) | h {.*, person_id: p.id}][..50] AS person_hazards,
  [(p)-[l:LIVES_AT]->(a:Address)-[:HAS_HAZARD]->(h:Hazard)
     WHERE l.from_date <= $asOf AND (l.to_date IS NULL OR l.to_date >= $asOf)
     | h {.*, address_id: a.id}][..50] AS address_hazards
