// Record the decision on a contact, linked to the case it opened or joined (if any).
MATCH (c:Contact {id: $id})
SET c += $decision, c.state = 'decided'
WITH c
CALL (c) {
  OPTIONAL MATCH (k:Case {id: $caseId})
  FOREACH (_ IN CASE WHEN k IS NULL THEN [] ELSE [1] END | MERGE (c)-[:LED_TO]->(k))
}
RETURN c.id AS id
