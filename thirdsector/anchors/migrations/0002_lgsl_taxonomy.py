"""Loads the shipped subset of the Local Government Service List (see anchors/data/README.md)."""

import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "lgsl_subset.csv"


def load(apps, schema_editor):
    Taxonomy = apps.get_model("anchors", "Taxonomy")
    with DATA.open(encoding="utf-8") as source:
        rows = list(csv.DictReader(source))
    for row in rows:
        Taxonomy.objects.update_or_create(code=row["code"], defaults={"name": row["name"], "vocabulary": "LGSL"})
    for row in rows:
        if row["parent_code"]:
            Taxonomy.objects.filter(code=row["code"]).update(parent=Taxonomy.objects.get(code=row["parent_code"]))


class Migration(migrations.Migration):
    dependencies = [("anchors", "0001_anchors")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
