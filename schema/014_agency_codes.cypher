// Agencies that administrators record carry a short code of their own: one agency each.
CREATE CONSTRAINT agency_code IF NOT EXISTS FOR (n:Agency) REQUIRE n.code IS UNIQUE;
