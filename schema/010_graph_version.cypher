// One node carries the version of the case data (queries/graph_version_bump.cypher). Every
// writer MERGEs it; without a unique constraint two first writers could create two.
CREATE CONSTRAINT graph_version_id IF NOT EXISTS FOR (n:GraphVersion) REQUIRE n.id IS UNIQUE;
// A graph loaded before versions existed gets its first one now: until a version is
// there, whole-borough results cannot be kept at all.
MERGE (version:GraphVersion {id: 'case-data'})
  ON CREATE SET version.epoch = randomUUID(), version.value = 0;
