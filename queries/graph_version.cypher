// The version of the case data: every write of it moves the version in the same
// transaction, so a whole-borough result computed at one version holds until it moves.
// Null on a graph emptied since migration 010 stamped it and not written to since: then
// nothing may be kept.
OPTIONAL MATCH (version:GraphVersion {id: 'case-data'})
RETURN version.epoch + ':' + toString(version.value) AS version
LIMIT 1
