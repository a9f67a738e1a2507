"""The practitioner web UI: server-rendered GOV.UK Design System pages over the use cases,
each passing the same need-to-know checks and audit as GraphQL."""
