// Open a case about one or more people.
MATCH (agency:Agency {id: $agencyId})
MERGE (c:Case {id: $id})
ON CREATE SET c += $props
WITH c
UNWIND $subjects AS subject
MATCH (p:Person|LinkedRecord {id: subject.personId})
MERGE (p)-[s:SUBJECT_OF {id: subject.relationshipId}]->(c)
ON CREATE SET s += $relationshipProps
RETURN DISTINCT c.id AS id
