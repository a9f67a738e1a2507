// Which referenced records exist, with what validation rules need from each.
CALL () { UNWIND $personIds AS i MATCH (p:Person {id: i})
          RETURN collect(p {.id, .given_name, .family_name, .date_of_birth, .deceased_on}) AS people }
CALL () { UNWIND $agencyIds AS i MATCH (a:Agency {id: i}) RETURN collect(a.id) AS agencies }
CALL () { UNWIND $householdIds AS i MATCH (h:Household {id: i})
          RETURN collect(h.id) AS households }
CALL () { UNWIND $addressIds AS i MATCH (a:Address {id: i}) RETURN collect(a.id) AS addresses }
CALL () { UNWIND $workerIds AS i MATCH (w:Worker {id: i}) RETURN collect(w {.*}) AS workers }
CALL () { UNWIND $caseIds AS i MATCH (c:Case {id: i}) RETURN collect(c {.*}) AS cases }
CALL () { UNWIND $hazardIds AS i MATCH (h:Hazard {id: i}) RETURN collect(h.id) AS hazards }
CALL () { UNWIND $concernIds AS i MATCH (c:Concern {id: i}) RETURN collect(c {.*}) AS concerns }
RETURN people, agencies, households, addresses, workers, cases, hazards, concerns
