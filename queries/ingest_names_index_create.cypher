// The names full-text index, as the latest migration defines it (a test keeps the two the
// same); run after every load, so one that stopped part way still leaves the index in place.
CREATE FULLTEXT INDEX person_names IF NOT EXISTS
  FOR (n:Person|LinkedRecord) ON EACH [n.given_name, n.family_name, n.full_name, n.name_phonetic]
