// Name search finds a person by any agency's spelling: the names index also holds the
// records linked into people (LinkedRecord), and search answers with their person.
DROP INDEX person_names IF EXISTS;
CREATE FULLTEXT INDEX person_names IF NOT EXISTS
  FOR (n:Person|LinkedRecord) ON EACH [n.given_name, n.family_name, n.full_name, n.name_phonetic];
