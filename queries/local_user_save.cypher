// Create a local user, or replace the password, role, agency and worker record of one;
// no row when the agency or the worker named is not on record.
OPTIONAL MATCH (agency:Agency {id: $agency})
OPTIONAL MATCH (worker:Worker {id: $worker})
WITH agency, worker
WHERE ($agency IS NULL OR agency IS NOT NULL) AND ($worker IS NULL OR worker IS NOT NULL)
MERGE (user:LocalUser {user: $user})
  ON CREATE SET user.created_at = datetime()
SET user.password_hash = $passwordHash, user.role = $role, user.agency = $agency,
    user.worker = $worker,
    user.updated_at = datetime()
RETURN user.user AS user
