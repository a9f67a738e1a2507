// The area for a new address: the one most addresses in its postcode district (outward
// code and a space, as 'NB3 ') are in, and whether a stated $area is one on record. Areas
// are the borough's own (the analyses filter by them); a graph with none accepts any.
CALL () {
  MATCH (a:Address) WHERE a.postcode STARTS WITH $district AND a.area IS NOT NULL
  WITH a.area AS area, count(a) AS addresses
  ORDER BY addresses DESC, area
  LIMIT 1
  RETURN collect(area) AS found
}
RETURN found[0] AS district_area,
  $area IS NULL OR EXISTS { MATCH (a:Address {area: $area}) }
    OR NOT EXISTS { MATCH (a:Address) WHERE a.area IS NOT NULL } AS known
LIMIT 1
