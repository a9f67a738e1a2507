// Take the audit chain's head under a write lock (the SET), then read where it ends.
MERGE (head:AuditHead {id: 'audit'})
  ON CREATE SET head.sequence = 0, head.hash = ''
SET head.writes = coalesce(head.writes, 0) + 1
RETURN head.sequence AS sequence, head.hash AS hash
