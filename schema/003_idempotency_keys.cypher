// A retried request with the same idempotency key is applied once.
CREATE CONSTRAINT idempotency_key IF NOT EXISTS FOR (n:IdempotencyKey) REQUIRE n.key IS UNIQUE;
// Agencies' own record ids: finding a person an agency already recorded.
CREATE INDEX person_source_record IF NOT EXISTS FOR (n:Person) ON (n.source_agency, n.source_record_id);
