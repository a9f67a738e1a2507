// A move, in one statement: every address the person lives at on $movedOn ends the day
// before ($endedOn), and the new address starts that day, dated and sourced.
MATCH (p:Person|LinkedRecord {id: $personId})
MATCH (to:Address {id: $addressId})
CALL (p) {
  MATCH (p)-[l:LIVES_AT]->(:Address)
  WHERE l.to_date IS NULL OR l.to_date >= $movedOn
  SET l.to_date = $endedOn, l.ended_by = $sourceAgencyId
  // A copy of a linked record's address ends the record's own too (see relationship_end).
  WITH l
  MATCH (:Person|LinkedRecord {id: l.via_record})-[o:LIVES_AT {id: l.derived_from}]->()
  WHERE o.derived_from IS NULL
  SET o.to_date = $endedOn, o.ended_by = $sourceAgencyId
}
MERGE (p)-[r:LIVES_AT {id: $id}]->(to)
SET r += $props
RETURN r {.*, type: type(r), source: p.id, target: to.id} AS relationship
