// Where the audit chain ends, as recorded by its head: removing the newest events shows.
MATCH (head:AuditHead {id: 'audit'})
RETURN head.sequence AS sequence, head.hash AS hash
