// Workers who may take cases: those named, or those employed by the given agencies, plus
// every AMHP when a Mental Health Act assessment is queued; with their current open cases.
MATCH (w:Worker)-[e:EMPLOYED_BY]->(a:Agency)
WHERE (e.to_date IS NULL OR e.to_date >= $asOf)
  AND CASE WHEN $workerIds IS NULL
        THEN a.id IN $agencyIds OR ($includeAmhps AND $amhp IN w.capabilities)
        ELSE w.id IN $workerIds END
WITH w, collect(a.id)[..5] AS agency_ids
RETURN w {.id, .given_name, .family_name, .role, .team, .locality, .capabilities, .asye,
          .qualified_on, .caseload_limit} AS worker,
  agency_ids,
  [(c:Case {status: $open})-[al:ALLOCATED_TO]->(w) WHERE al.to_date IS NULL | c.id][..200]
    AS open_case_ids
ORDER BY w.id
LIMIT $workerLimit
