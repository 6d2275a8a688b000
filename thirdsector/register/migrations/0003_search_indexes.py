from django.db import migrations

from thirdsector.core.migration_operations import PostgreSQLOnly


class Migration(migrations.Migration):
    """Full-text and trigram indexes for the register's search and duplicate detection."""

    dependencies = [("register", "0002_reference_data")]
    operations = [
        PostgreSQLOnly("CREATE EXTENSION IF NOT EXISTS pg_trgm", migrations.RunSQL.noop),
        PostgreSQLOnly(
            "CREATE INDEX org_name_fts_idx ON register_organisation "
            "USING gin (to_tsvector('simple'::regconfig, COALESCE(name, '')))",
            "DROP INDEX IF EXISTS org_name_fts_idx",
        ),
        PostgreSQLOnly(
            "CREATE INDEX org_normalised_name_trgm_idx ON register_organisation "
            "USING gin (normalised_name gin_trgm_ops)",
            "DROP INDEX IF EXISTS org_normalised_name_trgm_idx",
        ),
    ]
