// What each agency's files of one kind last left on record (a FeedStream per agency and
// kind): the SHA-256 of the last file committed whole, whose every row is then as its
// record says. The same file sent again is unchanged without being read row by row.
CREATE CONSTRAINT feed_stream_key IF NOT EXISTS FOR (n:FeedStream) REQUIRE n.key IS UNIQUE;
