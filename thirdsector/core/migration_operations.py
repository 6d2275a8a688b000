from django.db import migrations


class PostgreSQLOnly(migrations.RunSQL):
    """Raw SQL that only PostgreSQL understands (trigram and full-text indexes).

    On SQLite, the embedded default, it does nothing: the features it speeds up fall back to
    plain LIKE matching there.
    """

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)
