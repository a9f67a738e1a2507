// End a relationship on a date. The person's copy of a linked record's relationship ends
// the record's own too: otherwise an un-merge, or the next rebuild of the copies, would
// bring it back.
MATCH (p:Person|LinkedRecord {id: $personId})-[r {id: $relationshipId}]-(other)
SET r.to_date = $endDate, r.ended_by = $sourceAgencyId
WITH r
CALL (r) {
  MATCH (:Person|LinkedRecord {id: r.via_record})-[o {id: r.derived_from}]-()
  WHERE o.derived_from IS NULL
  SET o.to_date = $endDate, o.ended_by = $sourceAgencyId
}
RETURN r {.*, type: type(r), source: startNode(r).id, target: endNode(r).id} AS relationship
