// The person an agency already recorded under its own record id, if any.
MATCH (p:Person {source_agency: $sourceAgencyId, source_record_id: $sourceRecordId})
RETURN p.id AS id
LIMIT 1
