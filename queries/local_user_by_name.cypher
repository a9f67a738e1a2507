// A local user's stored password hash, role and agency (the name is unique).
MATCH (user:LocalUser {user: $user})
RETURN user {.user, .password_hash, .role, .agency} AS user
LIMIT 1
