// The MASH front door: contacts, their agency checks, and Think Family alerts.
CREATE CONSTRAINT contact_id IF NOT EXISTS FOR (n:Contact) REQUIRE n.id IS UNIQUE;
// The queue reads the contacts not yet decided; the dashboard, those received since a day.
CREATE INDEX contact_state IF NOT EXISTS FOR (n:Contact) ON (n.state);
CREATE INDEX contact_received IF NOT EXISTS FOR (n:Contact) ON (n.received_at);
CREATE CONSTRAINT agency_check_id IF NOT EXISTS FOR (n:AgencyCheck) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT alert_id IF NOT EXISTS FOR (n:Alert) REQUIRE n.id IS UNIQUE;
CREATE INDEX alert_state IF NOT EXISTS FOR (n:Alert) ON (n.state);
