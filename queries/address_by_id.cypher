// One address.
MATCH (a:Address {id: $id})
RETURN a {.*} AS address
LIMIT 1
