// Create a local user, or replace the password, role and agency of one; no row when the
// agency named is not on record.
OPTIONAL MATCH (agency:Agency {id: $agency})
WITH agency
WHERE $agency IS NULL OR agency IS NOT NULL
MERGE (user:LocalUser {user: $user})
  ON CREATE SET user.created_at = datetime()
SET user.password_hash = $passwordHash, user.role = $role, user.agency = $agency,
    user.updated_at = datetime()
RETURN user.user AS user
