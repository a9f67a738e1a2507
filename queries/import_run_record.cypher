// An import run, as it ended: who, when, which file (name and SHA-256), its counts, and
// the rows it rejected (as JSON, up to a limit). Never changed afterwards.
MATCH (a:Agency {id: $run.agency_id})
CREATE (run:ImportRun)
SET run = $run
CREATE (run)-[:SENT_BY]->(a)
