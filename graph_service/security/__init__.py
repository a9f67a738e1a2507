"""Authentication, roles and need-to-know access (the audit trail is to follow)."""
