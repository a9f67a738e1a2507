// Wait (up to $seconds) until every index is online: a load returns a searchable graph.
CALL db.awaitIndexes($seconds)
