// One import run, by its id.
MATCH (run:ImportRun {id: $id})-[:SENT_BY]->(a:Agency)
RETURN run {.*, agency_name: a.name} AS run
