"""Team memberships have dates: when the person joined, and when they left (leaving no longer deletes).

Existing memberships (and their history) are given the day of their earliest historical record as the day
they joined, or today where there is none. One team, one person may now have several memberships over
time, but only one open (not left) at once. Run backwards, the dates go and memberships already left are
deleted, as leaving did before, so the old one-membership-per-team rule holds again.
"""

from django.db import migrations, models
from django.db.models import F, Min, Q
from django.utils import timezone


def backfill_joined_on(apps, schema_editor):
    """Every membership, and every historical record of one, joined on the day of the membership's
    earliest historical record (local date), or today where it has none. Meant for the new field."""
    membership_model = apps.get_model("compact", "TeamMembership")
    history_model = apps.get_model("compact", "HistoricalTeamMembership")
    first_recorded = {
        row["id"]: timezone.localdate(row["first"]) if timezone.is_aware(row["first"]) else row["first"].date()
        for row in history_model.objects.order_by().values("id").annotate(first=Min("history_date"))
    }
    today = timezone.localdate()
    memberships = list(membership_model.objects.only("pk"))
    for membership in memberships:
        membership.joined_on = first_recorded.get(membership.pk, today)
    membership_model.objects.bulk_update(memberships, ["joined_on"], batch_size=1000)
    records = list(history_model.objects.only("history_id", "id"))
    for record in records:
        record.joined_on = first_recorded.get(record.id, today)
    history_model.objects.bulk_update(records, ["joined_on"], batch_size=1000)


def delete_former_memberships(apps, schema_editor):
    """Backwards only: memberships left are deleted, as removing a member did before dates."""
    apps.get_model("compact", "TeamMembership").objects.filter(left_on__isnull=False).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("compact", "0010_proofing_consultations_linked_by_title"),
    ]

    operations = [
        migrations.AddField(
            model_name="teammembership",
            name="joined_on",
            field=models.DateField(null=True, verbose_name="Joined"),
        ),
        migrations.AddField(
            model_name="historicalteammembership",
            name="joined_on",
            field=models.DateField(null=True, verbose_name="Joined"),
        ),
        migrations.AddField(
            model_name="teammembership",
            name="left_on",
            field=models.DateField(blank=True, null=True, verbose_name="Left"),
        ),
        migrations.AddField(
            model_name="historicalteammembership",
            name="left_on",
            field=models.DateField(blank=True, null=True, verbose_name="Left"),
        ),
        migrations.RunPython(backfill_joined_on, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="teammembership",
            name="joined_on",
            field=models.DateField(verbose_name="Joined"),
        ),
        migrations.AlterField(
            model_name="historicalteammembership",
            name="joined_on",
            field=models.DateField(verbose_name="Joined"),
        ),
        migrations.AlterModelOptions(
            name="teammembership",
            options={"ordering": ["team", "person__full_name", "joined_on"]},
        ),
        migrations.RemoveConstraint(
            model_name="teammembership",
            name="one_membership_per_team",
        ),
        migrations.RunPython(migrations.RunPython.noop, delete_former_memberships),
        migrations.AddConstraint(
            model_name="teammembership",
            constraint=models.UniqueConstraint(
                condition=Q(left_on__isnull=True),
                fields=("team", "person"),
                name="one_open_membership_per_team",
            ),
        ),
        migrations.AddConstraint(
            model_name="teammembership",
            constraint=models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=F("joined_on")),
                name="membership_left_after_joined",
            ),
        ),
    ]
