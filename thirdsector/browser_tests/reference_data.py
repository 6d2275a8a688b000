"""Putting the migrations' reference data back between live-server tests, quickly.

Live-server tests are transactional: each ends by emptying every table, and `serialized_rollback`
reloads what the migrations left (areas, policy areas, characteristics, content types) before the
next. Django reloads it one object at a time, two queries each, which costs seconds a test on
PostgreSQL. `bulk_loader` reads the same serialized data once and reloads it one INSERT per table.
"""

from collections import defaultdict
from collections.abc import Callable

from django.core import serializers
from django.db import transaction


def bulk_loader(connection) -> Callable[[str], None]:
    """A stand-in for `connection.creation.deserialize_db_from_string` that fills only empty tables.

    Tables that still hold rows (before the first test has emptied the database) are left alone.
    """
    parsed: dict[str, dict] = {}

    def rows_by_model(data: str) -> dict:
        if data not in parsed:
            by_model = defaultdict(list)
            for deserialized in serializers.deserialize("json", data, using=connection.alias):
                instance = deserialized.object
                by_model[type(instance)].append(instance)
                for name, related_pks in (deserialized.m2m_data or {}).items():
                    field = instance._meta.get_field(name)
                    through = field.remote_field.through
                    source, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
                    by_model[through] += [through(**{source: instance.pk, target: pk}) for pk in related_pks]
            parsed[data] = dict(by_model)
        return parsed[data]

    def load(data: str) -> None:
        loaded = []
        with transaction.atomic(using=connection.alias), connection.constraint_checks_disabled():
            for model, instances in rows_by_model(data).items():
                rows = model._base_manager.using(connection.alias)
                if not rows.exists():
                    rows.bulk_create(instances, batch_size=500)
                    loaded.append(model._meta.db_table)
            connection.check_constraints(table_names=loaded)

    return load
