// One alert with its acknowledgements.
MATCH (a:Alert {id: $id})
RETURN a {.*,
  acknowledgements: [(a)-[:ACKNOWLEDGED]->(k:AlertAcknowledgement) | k {.*}][..20]} AS alert
LIMIT 1
