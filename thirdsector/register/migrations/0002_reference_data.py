from django.db import migrations

from thirdsector.register.reference_data import load_areas, load_vocabularies


def load(apps, schema_editor):
    load_areas(apps.get_model("register", "Area"))
    load_vocabularies(apps.get_model("register", "PolicyArea"), apps.get_model("register", "Characteristic"))


class Migration(migrations.Migration):
    dependencies = [("register", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
