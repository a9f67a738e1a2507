// Break-glass alerts get a label of their own (audit_append sets it on new ones), so the
// alerts review reads them through the label index instead of walking every event. The
// label is not part of an event's hashed content: the chain is unchanged. Events stored
// before this migration are labelled here, in batches, in one pass over the events.
MATCH (event:AuditEvent) WHERE event.alert = true
CALL (event) { SET event:AuditAlert } IN TRANSACTIONS OF 10000 ROWS;
