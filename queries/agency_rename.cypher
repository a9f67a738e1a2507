// Rename an agency; the names it had are kept, newest last.
MATCH (a:Agency {id: $id})
SET a.previous_names = coalesce(a.previous_names, []) + [a.name], a.name = $newName,
  a.renamed_at = datetime(), a.renamed_by = $user
RETURN a {.*} AS agency
