// Which of these people an agency is involved with: known to it, the subject of a concern
// it raised, or of a case it holds. A record linked into someone is judged on its own.
UNWIND $ids[..$limit] AS id
MATCH (person:Person|LinkedRecord {id: id})
WHERE EXISTS { (person)-[:KNOWN_TO]->(:Agency {id: $agencyId}) }
   OR EXISTS { (person)-[:SUBJECT_OF]->(:Concern)-[:RAISED_BY]->(:Agency {id: $agencyId}) }
   OR EXISTS { (person)-[:SUBJECT_OF]->(:Case {source_agency: $agencyId}) }
RETURN collect(person.id) AS ids
