// Record a concern about a person or a household, raised by an agency.
MATCH (agency:Agency {id: $agencyId})
OPTIONAL MATCH (p:Person|LinkedRecord {id: $personId})
OPTIONAL MATCH (h:Household {id: $householdId})
WITH agency, coalesce(p, h) AS subject
MERGE (c:Concern {id: $id})
ON CREATE SET c += $props
MERGE (subject)-[s:SUBJECT_OF {id: $subjectRelationshipId}]->(c)
ON CREATE SET s += $relationshipProps
MERGE (c)-[rb:RAISED_BY {id: $raisedByRelationshipId}]->(agency)
ON CREATE SET rb += $relationshipProps
RETURN c.id AS id
