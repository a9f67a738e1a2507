// Name search tolerant of spelling: a full-text index over every name field.
CREATE FULLTEXT INDEX person_names IF NOT EXISTS
  FOR (n:Person) ON EACH [n.given_name, n.family_name, n.full_name, n.name_phonetic];
// Range indexes on what queries filter by.
CREATE INDEX person_family_name IF NOT EXISTS FOR (n:Person) ON (n.family_name);
CREATE INDEX person_date_of_birth IF NOT EXISTS FOR (n:Person) ON (n.date_of_birth);
CREATE INDEX address_postcode IF NOT EXISTS FOR (n:Address) ON (n.postcode);
CREATE INDEX address_area IF NOT EXISTS FOR (n:Address) ON (n.area);
CREATE INDEX household_area IF NOT EXISTS FOR (n:Household) ON (n.area);
CREATE INDEX agency_kind IF NOT EXISTS FOR (n:Agency) ON (n.kind);
CREATE INDEX worker_team IF NOT EXISTS FOR (n:Worker) ON (n.team);
CREATE INDEX concern_code IF NOT EXISTS FOR (n:Concern) ON (n.code);
CREATE INDEX concern_status IF NOT EXISTS FOR (n:Concern) ON (n.status);
CREATE INDEX concern_raised_on IF NOT EXISTS FOR (n:Concern) ON (n.raised_on);
CREATE INDEX case_status IF NOT EXISTS FOR (n:Case) ON (n.status);
CREATE INDEX case_kind IF NOT EXISTS FOR (n:Case) ON (n.kind);
CREATE INDEX hazard_review_on IF NOT EXISTS FOR (n:Hazard) ON (n.review_on);
