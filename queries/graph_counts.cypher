// Totals of each kind of node, and of relationships, from the count store.
CALL () { MATCH (n:Person) RETURN count(n) AS people }
CALL () { MATCH (n:Household) RETURN count(n) AS households }
CALL () { MATCH (n:Address) RETURN count(n) AS addresses }
CALL () { MATCH (n:Agency) RETURN count(n) AS agencies }
CALL () { MATCH (n:Worker) RETURN count(n) AS workers }
CALL () { MATCH (n:Concern) RETURN count(n) AS concerns }
CALL () { MATCH (n:Case) RETURN count(n) AS cases }
CALL () { MATCH (n:Hazard) RETURN count(n) AS hazards }
CALL () { MATCH (n:Place) RETURN count(n) AS places }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN people, households, addresses, agencies, workers, concerns, cases, hazards, places,
       relationships
