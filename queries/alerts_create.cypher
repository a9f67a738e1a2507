// Raise Think Family alerts about people, each linked to the record that caused it.
OPTIONAL MATCH (cause:Concern|Hazard {id: $triggerId})
UNWIND $alerts[..$limit] AS planned
MATCH (p:Person {id: planned.subject_id})
CREATE (a:Alert)-[:ABOUT]->(p)
SET a += planned
FOREACH (_ IN CASE WHEN cause IS NULL THEN [] ELSE [1] END | CREATE (a)-[:CAUSED_BY]->(cause))
RETURN count(a) AS raised
