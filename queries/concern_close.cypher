// Close a concern: from $closedOn the analyses and the network no longer count it.
MATCH (c:Concern {id: $id})
SET c.status = $closed, c.closed_on = $closedOn, c.outcome = $outcome, c.closed_by = $closedBy
RETURN c.id AS id
