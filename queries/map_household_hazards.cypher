// Every hazard of the current members of some households, and of those households'
// addresses, on $asOf: a cluster map's banner. Bounded by the slice of household ids.
UNWIND $householdIds[..$limit] AS householdId
MATCH (h:Household {id: householdId})
RETURN h.id AS household_id,
  [(p:Person)-[m:MEMBER_OF]->(h)
     WHERE m.from_date <= $asOf AND (m.to_date IS NULL OR m.to_date >= $asOf)
     | [(p)-[:HAS_HAZARD]->(hz:Hazard) | hz {.*, person: p.full_name, person_id: p.id}]]
  + [[(h)-[:LOCATED_AT]->(ad:Address)-[:HAS_HAZARD]->(hz:Hazard)
     | hz {.*, person: 'the address ' + coalesce(ad.line1, ad.id), address_id: ad.id}]]
    AS hazards
