// Versions of the schema already applied, with the checksum of each file.
MATCH (m:SchemaMigration)
RETURN m.version AS version, m.checksum AS checksum
ORDER BY version
LIMIT 10000
