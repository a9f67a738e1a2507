// Wait until eventually consistent indexes (the audit trail's people) hold every commit.
CALL db.index.fulltext.awaitEventuallyConsistentIndexRefresh()
