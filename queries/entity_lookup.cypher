// Which referenced records exist within the writer's reach, with what validation rules
// need from each. A person may be named by a record linked into someone (an agency's own
// record id): it is found, with the person it is a record of (`identity_id`).
// An agency-scoped writer ($scopeAgency) reaches the people its agency is involved with
// (the agency_scope rule) and households with one of them or with no one yet; a protected
// address is reached only with break-glass ($seeProtected). What is out of reach is left
// out, so the write is refused exactly as for an unknown id.
CALL () { UNWIND $personIds AS i MATCH (p:Person|LinkedRecord {id: i})
          WHERE $scopeAgency IS NULL
             OR EXISTS { (p)-[:KNOWN_TO]->(:Agency {id: $scopeAgency}) }
             OR EXISTS { (p)-[:SUBJECT_OF]->(:Concern)-[:RAISED_BY]->(:Agency {id: $scopeAgency}) }
             OR EXISTS { (p)-[:SUBJECT_OF]->(:Case {source_agency: $scopeAgency}) }
          RETURN collect(p {.id, .given_name, .family_name, .date_of_birth, .deceased_on,
            identity_id: head([(p)-[:RECORD_OF]->(x:Person) | x.id])}) AS people }
CALL () { UNWIND $agencyIds AS i MATCH (a:Agency {id: i}) RETURN collect(a.id) AS agencies }
CALL () { UNWIND $householdIds AS i MATCH (h:Household {id: i})
          WHERE $scopeAgency IS NULL OR NOT EXISTS { (:Person)-[:MEMBER_OF]->(h) } OR EXISTS {
            MATCH (m:Person)-[:MEMBER_OF]->(h)
            WHERE EXISTS { (m)-[:KNOWN_TO]->(:Agency {id: $scopeAgency}) }
               OR EXISTS { (m)-[:SUBJECT_OF]->(:Concern)-[:RAISED_BY]->(:Agency {id: $scopeAgency}) }
               OR EXISTS { (m)-[:SUBJECT_OF]->(:Case {source_agency: $scopeAgency}) } }
          RETURN collect(h.id) AS households }
CALL () { UNWIND $addressIds AS i MATCH (a:Address {id: i})
          WHERE $seeProtected OR NOT coalesce(a.protected, false)
          RETURN collect(a.id) AS addresses }
CALL () { UNWIND $workerIds AS i MATCH (w:Worker {id: i}) RETURN collect(w {.*}) AS workers }
CALL () { UNWIND $caseIds AS i MATCH (c:Case {id: i}) RETURN collect(c {.*}) AS cases }
CALL () { UNWIND $hazardIds AS i MATCH (h:Hazard {id: i}) RETURN collect(h.id) AS hazards }
CALL () { UNWIND $concernIds AS i MATCH (c:Concern {id: i}) RETURN collect(c {.*}) AS concerns }
RETURN people, agencies, households, addresses, workers, cases, hazards, concerns
