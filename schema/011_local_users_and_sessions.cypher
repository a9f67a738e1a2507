// People who sign in to the practitioner UI with a local password (development, demo).
CREATE CONSTRAINT local_user_name IF NOT EXISTS FOR (n:LocalUser) REQUIRE n.user IS UNIQUE;
// Sessions of the practitioner UI: only a hash of the cookie's secret is stored.
CREATE CONSTRAINT ui_session_id IF NOT EXISTS FOR (n:UiSession) REQUIRE n.id IS UNIQUE;
