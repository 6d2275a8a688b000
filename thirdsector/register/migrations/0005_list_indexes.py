from django.db import migrations

from thirdsector.core.migration_operations import PostgreSQLOnly


class Migration(migrations.Migration):
    """Indexes and statistics for the register's filtered list at 200,000 organisations (docs/benchmarks.md).

    - org_kind_size_idx: kind and size together, in name order, so a page is the first rows of the index.
    - org_local_authority_list_idx: organisations based in an area, already filtered by status, kind
      and size, without visiting the table (in name order when the area is one council).
    - served_area_org_idx: organisations serving an area, read from the index alone.
    - org_kind_size_stats: kind and size band are not independent (community groups are small), so
      PostgreSQL's estimates, which the list shows as "about" counts, need their joint statistics.

    Built CONCURRENTLY, so a live register keeps taking writes while they build.
    """

    atomic = False
    dependencies = [("register", "0004_import_jobs")]
    operations = [
        PostgreSQLOnly(
            "CREATE INDEX CONCURRENTLY IF NOT EXISTS org_kind_size_idx "
            "ON register_organisation (kind, size_band, status, name, id)",
            "DROP INDEX CONCURRENTLY IF EXISTS org_kind_size_idx",
        ),
        PostgreSQLOnly(
            "CREATE INDEX CONCURRENTLY IF NOT EXISTS org_local_authority_list_idx "
            "ON register_organisation (local_authority_id, status, kind, size_band, name, id)",
            "DROP INDEX CONCURRENTLY IF EXISTS org_local_authority_list_idx",
        ),
        PostgreSQLOnly(
            "CREATE INDEX CONCURRENTLY IF NOT EXISTS served_area_org_idx "
            "ON register_organisation_areas_served (area_id, organisation_id)",
            "DROP INDEX CONCURRENTLY IF EXISTS served_area_org_idx",
        ),
        PostgreSQLOnly(
            "CREATE STATISTICS IF NOT EXISTS org_kind_size_stats (mcv, dependencies) "
            "ON kind, size_band, status FROM register_organisation",
            "DROP STATISTICS IF EXISTS org_kind_size_stats",
        ),
        PostgreSQLOnly("ANALYZE register_organisation", migrations.RunSQL.noop),
    ]
