// Record the date of one step of a case (a property named in Milestone: decided_on,
// assessment_completed_on, strategy_discussion_on, initial_conference_on).
MATCH (c:Case {id: $id})
SET c += $props
RETURN c.id AS id
