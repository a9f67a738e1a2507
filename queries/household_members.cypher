// Current members of each household.
UNWIND $ids AS household_id
MATCH (h:Household {id: household_id})<-[m:MEMBER_OF]-(p:Person)
WHERE m.from_date <= $asOf AND (m.to_date IS NULL OR m.to_date >= $asOf)
RETURN household_id, collect(p.id)[..50] AS members
