"""The Compact's commitments by government, in short, as breach reports and proofing cite them.

Summaries written for this service from the Compact (1998) and its five codes of good practice; the
numbers follow each code's sections.
"""

from django.db import migrations

COMMITMENTS = [
    ("compact", "9.1", "Recognise and support the independence of the sector, including its right to campaign"),
    ("compact", "9.2", "Fund in ways that respect the sector's independence"),
    ("compact", "9.3", "Consult the sector on issues likely to affect it, early enough to shape policy"),
    ("compact", "9.4", "Promote effective working relationships and review them"),
    ("compact", "9.5", "Appraise new policies and procedures for their effect on the sector"),
    ("consultation", "2.1", "Involve the sector at the earliest stage, before options are fixed"),
    ("consultation", "2.2", "Allow at least 12 weeks for a written consultation, or explain why not"),
    ("consultation", "2.3", "Say clearly who is consulted, about what, and how to respond"),
    ("consultation", "2.4", "Make consultation documents available in accessible formats on request"),
    ("consultation", "2.5", "Publish a summary of responses and what changed because of them"),
    ("funding", "3.1", "Fund for more than one year where the work lasts more than a year"),
    ("funding", "3.2", "Pay in advance where it is needed to deliver the work"),
    ("funding", "3.3", "Give at least three months' notice before funding is reduced or ends"),
    ("funding", "3.4", "Accept full cost recovery, a fair share of overheads, as an allowed cost"),
    ("funding", "3.5", "Keep monitoring and reporting proportionate to the amount given"),
    ("funding", "3.6", "Make funding decisions and payments on time"),
    ("volunteering", "4.1", "Recognise the value of volunteering and remove barriers to it"),
    ("volunteering", "4.2", "Support the infrastructure that helps people volunteer"),
    ("community_groups", "5.1", "Recognise the particular needs of small community groups"),
    ("community_groups", "5.2", "Keep application and reporting requirements simple for small grants"),
    ("bme", "6.1", "Involve black and minority ethnic organisations in policy that affects their communities"),
    ("bme", "6.2", "Ensure funding is open and accessible to black and minority ethnic organisations"),
]


def load(apps, schema_editor):
    Commitment = apps.get_model("compact", "Commitment")
    Commitment.objects.bulk_create(
        [Commitment(code=code, number=number, summary=summary) for code, number, summary in COMMITMENTS]
    )


def unload(apps, schema_editor):
    apps.get_model("compact", "Commitment").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("compact", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
