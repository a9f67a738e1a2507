// Where each writer's audit chain ends, as its head records: removing the newest events
// of a chain shows. Writers whose events have no head are listed too (sequence -1).
CALL () {
  MATCH (head:AuditHead)
  RETURN head.id AS writer, head.sequence AS sequence, head.hash AS hash
  UNION
  MATCH (event:AuditEvent)
  WHERE NOT EXISTS { MATCH (head:AuditHead) WHERE head.id = event.writer }
  RETURN DISTINCT event.writer AS writer, -1 AS sequence, '' AS hash
}
RETURN writer, sequence, hash
ORDER BY writer
LIMIT $limit
