// A local user's stored password hash, role, agency and worker record (the name is unique).
MATCH (user:LocalUser {user: $user})
RETURN user {.user, .password_hash, .role, .agency, .worker} AS user
LIMIT 1
