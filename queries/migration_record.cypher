// Record that one schema migration has been applied.
MERGE (m:SchemaMigration {version: $version})
ON CREATE SET m.applied_at = datetime()
SET m.name = $name, m.checksum = $checksum
