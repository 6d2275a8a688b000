"""The national indicators an LAA's targets are chosen from: the first ten, and others often chosen with the sector."""

from django.db import migrations

INDICATORS = [
    (1, "People who believe people from different backgrounds get on well together in their local area"),
    (2, "People who feel that they belong to their neighbourhood"),
    (3, "Civic participation in the local area"),
    (4, "People who feel they can influence decisions in their locality"),
    (5, "Overall satisfaction with the local area"),
    (6, "Participation in regular volunteering"),
    (7, "Environment for a thriving third sector"),
    (8, "Adult participation in sport and active recreation"),
    (9, "Use of public libraries"),
    (10, "Visits to museums and galleries"),
    (11, "Engagement in the arts"),
    (15, "Serious violent crime rate"),
    (17, "Perceptions of anti-social behaviour"),
    (110, "Young people's participation in positive activities"),
    (116, "Proportion of children in poverty"),
    (117, "16 to 18 year olds who are not in education, employment or training"),
    (141, "Vulnerable people achieving independent living"),
    (152, "Working age people on out of work benefits"),
    (186, "Per capita reduction in CO2 emissions in the local authority area"),
    (195, "Improved street and environmental cleanliness"),
]


def add_indicators(apps, schema_editor):
    NationalIndicator = apps.get_model("partnerships", "NationalIndicator")
    for number, name in INDICATORS:
        NationalIndicator.objects.update_or_create(number=number, defaults={"name": name})


def remove_indicators(apps, schema_editor):
    apps.get_model("partnerships", "NationalIndicator").objects.filter(
        number__in=[number for number, _ in INDICATORS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0003_boards")]

    operations = [migrations.RunPython(add_indicators, remove_indicators)]
