// Record a review of a hazard: its next review date and, if given, a new description.
MATCH (h:Hazard {id: $id})
SET h.review_on = $reviewOn, h.reviewed_on = $reviewedOn,
    h.description = coalesce($description, h.description)
RETURN h.id AS id
