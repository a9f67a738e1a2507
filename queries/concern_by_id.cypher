// One concern with who raised it and whom it is about.
MATCH (c:Concern {id: $id})
RETURN c {.*,
  raised_by: head([(c)-[:RAISED_BY]->(a:Agency) | a.id]),
  subject_id: head([(s:Person|Household)-[:SUBJECT_OF]->(c) | s.id]
    + [(s)-[:SUBJECT_OF]->(c) | s.id])} AS concern
LIMIT 1
