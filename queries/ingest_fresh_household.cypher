// First load of Household nodes while the label is empty: created, not merged (the
// loader checks that the label was empty and the ids are unique).
UNWIND $rows AS row
CREATE (n:Household {id: row.id})
SET n += row.props
