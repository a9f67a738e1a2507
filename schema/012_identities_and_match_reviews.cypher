// Identity resolution. A source record linked into another person's identity is a
// LinkedRecord (no longer a Person): it keeps its id, its properties and its own
// relationships, as its agency sent them.
CREATE CONSTRAINT linked_record_id IF NOT EXISTS FOR (n:LinkedRecord) REQUIRE n.id IS UNIQUE;
CREATE INDEX linked_record_date_of_birth IF NOT EXISTS
  FOR (n:LinkedRecord) ON (n.date_of_birth);
// A pair of records put to a reviewer: one per pair, whatever its outcome, so a rejected
// pair ("must not link") is found again and never proposed twice.
CREATE CONSTRAINT match_review_id IF NOT EXISTS FOR (n:MatchReview) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT match_review_pair IF NOT EXISTS
  FOR (n:MatchReview) REQUIRE n.pair_key IS UNIQUE;
CREATE INDEX match_review_status IF NOT EXISTS FOR (n:MatchReview) ON (n.status);
// Every decision about an identity (linked, confirmed, rejected, un-merged), never deleted.
CREATE CONSTRAINT link_decision_id IF NOT EXISTS FOR (n:LinkDecision) REQUIRE n.id IS UNIQUE;
