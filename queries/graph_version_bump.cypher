// Run inside every transaction that writes case data (last, after its other locks). The
// epoch is new whenever the node is (a wiped graph), so a version is never reused.
MERGE (version:GraphVersion {id: 'case-data'})
  ON CREATE SET version.epoch = randomUUID(), version.value = 0
SET version.value = version.value + 1
