// One household with its address and current members.
MATCH (h:Household {id: $id})
RETURN h {.*, address: head([(h)-[:LOCATED_AT]->(a:Address) | a {.*}])} AS household,
  [(h)<-[m:MEMBER_OF]-(p:Person) WHERE m.to_date IS NULL | p.id][..50] AS members
LIMIT 1
