"""Loads the third sector strategy's four areas and one workstream per commitment (summaries in our words)."""

from django.db import migrations

AREAS = [
    (
        1,
        "Ways of working",
        "The department leads by example: applying the Compact across its teams and public bodies, "
        "involving the sector early in policy and giving it time to respond.",
        [
            (
                "Staff capacity and awareness",
                "Help staff understand and work with the sector, including a month each year given over to it.",
            ),
            (
                "Policy proofing",
                "Check how new policies affect the sector and its part in delivering them, agreed with the Compact Commissioner.",
            ),
            ("Compact in public bodies", "Help the department's public bodies apply the Compact's principles."),
            ("Compact breaches", "Watch for breaches of the Compact, respond to each, and aim for none."),
            (
                "Third Sector Partnership Board",
                "Set up a board of 15 to 20 people from the sector, councils and the department for open debate.",
            ),
            (
                "Internal Programme Board",
                "Bring together the people across the department who lead its work with the sector.",
            ),
        ],
    ),
    (
        2,
        "Local partnerships in place shaping",
        "The sector as a full partner of councils and local strategic partnerships in deciding and "
        "delivering local priorities.",
        [
            (
                "Support through the spending period",
                "Plan, with the Office of the Third Sector, support for the sector for 2008 to 2011 and indicators for assessing councils.",
            ),
            ("The sector in place shaping", "Agree with the sector how it takes part in councils' place-shaping role."),
            (
                "Guidance and the duty to involve",
                "Consult widely on statutory guidance and the new duty to inform, consult and involve.",
            ),
            (
                "Area assessment and three-year funding",
                "Have the area assessment measure partnership working, and promote funding for at least three years.",
            ),
            (
                "Small grants fund",
                "Shape, with the Office of the Third Sector, the £80m fund of small grants for community groups.",
            ),
        ],
    ),
    (
        3,
        "Strategic partners",
        "A more coherent, long-term relationship with the sector through a network of strategic partners, "
        "without losing its diversity.",
        [
            (
                "Network of strategic partners",
                "Recognise national organisations as strategic partners who link the department with local action.",
            ),
            (
                "Strategic Partners Grant Programme",
                "Replace the Special Grants Programme with three-year core funding open only to strategic partners.",
            ),
            (
                "Pooling small grants",
                "Bring small grants programmes together through the strategic partners programme.",
            ),
        ],
    ),
    (
        4,
        "Sustainable investment",
        "Community groups that want to grow their own assets and income, with community anchor "
        "organisations at the centre.",
        [
            (
                "Community anchor organisations",
                "Support independent, community-led anchors that give local groups and services a base.",
            ),
            (
                "Community asset transfer",
                "Make transferring public buildings to communities a real option, with the asset transfer fund.",
            ),
            ("Earned income", "Help groups move from depending on grants towards income of their own."),
        ],
    ),
]


def load_strategy(apps, schema_editor):
    StrategyArea = apps.get_model("partnerships", "StrategyArea")
    Workstream = apps.get_model("partnerships", "Workstream")
    for number, name, summary, commitments in AREAS:
        area, _created = StrategyArea.objects.get_or_create(number=number, defaults={"name": name, "summary": summary})
        for position, (title, description) in enumerate(commitments, start=1):
            Workstream.objects.get_or_create(
                area=area, position=position, defaults={"title": title, "description": description}
            )


def remove_strategy(apps, schema_editor):
    apps.get_model("partnerships", "Workstream").objects.filter(area__number__in=[a[0] for a in AREAS]).delete()
    apps.get_model("partnerships", "StrategyArea").objects.filter(number__in=[a[0] for a in AREAS]).delete()


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0005_progress")]

    operations = [migrations.RunPython(load_strategy, remove_strategy)]
