// Record a new person; MERGE on the id makes a replay harmless. The recording agency
// knows the person from now on, under its own record id: what an agency has just
// recorded is within its need to know.
MERGE (p:Person {id: $id})
ON CREATE SET p += $props, p.created_at = datetime()
WITH p
MATCH (a:Agency {id: $agencyId})
MERGE (p)-[k:KNOWN_TO]->(a)
ON CREATE SET k += {id: $knownToId, reference: $reference, from_date: $since,
  source_agency: $agencyId, source_record_id: $reference}
RETURN p.id AS id
