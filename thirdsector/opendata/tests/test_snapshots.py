"""The 360Giving files are kept as snapshots and regenerated when what they show changes."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.utils import timezone

from thirdsector.opendata.models import GrantsSnapshot
from thirdsector.opendata.selectors.snapshots import is_stale, latest_snapshot
from thirdsector.opendata.services.snapshots import generate_snapshot, prune_snapshots, refresh_snapshot


@pytest.fixture(autouse=True)
def media_in_a_temporary_directory(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_a_snapshot_holds_the_three_files_and_what_they_count(grants):
    snapshot = generate_snapshot()
    assert snapshot.grants == 4
    assert snapshot.total_awarded == sum(award.amount for award in grants.published)
    with snapshot.json_file.open("rb") as package:
        assert len(json.load(package)["grants"]) == 4
    with snapshot.csv_file.open("rb") as rows:
        assert rows.read().decode().count("\n") == 5
    with snapshot.xlsx_file.open("rb") as workbook:
        assert workbook.read(2) == b"PK"


def test_a_new_snapshot_is_stale_once_an_award_changes(grants):
    snapshot = generate_snapshot()
    assert not is_stale(snapshot)
    grants.core_funding.title = "Core funding and policy work"
    grants.core_funding.save()
    assert is_stale(snapshot)


def test_renaming_a_recipient_makes_the_snapshot_stale(grants):
    snapshot = generate_snapshot()
    organisation = grants.end_grant.organisation
    organisation.name = "Kentish Town Lunch and Social Club"
    organisation.save()
    assert is_stale(snapshot)


def test_refresh_does_nothing_while_the_snapshot_is_current(grants):
    generate_snapshot()
    assert refresh_snapshot() is None
    assert GrantsSnapshot.objects.count() == 1


def test_refresh_regenerates_after_a_change(grants):
    first = generate_snapshot()
    grants.regrant.amount = grants.regrant.amount + 1000
    grants.regrant.save()
    second = refresh_snapshot()
    assert second is not None and second.pk != first.pk
    assert latest_snapshot() == second


def test_refresh_generates_the_first_snapshot(db):
    snapshot = refresh_snapshot()
    assert snapshot is not None and snapshot.grants == 0


def test_old_snapshots_and_their_files_are_deleted(grants, settings):
    settings.OPENDATA_SNAPSHOTS_KEPT = 2
    oldest = generate_snapshot()
    path = oldest.json_file.path
    generate_snapshot()
    generate_snapshot()
    assert GrantsSnapshot.objects.count() == 2
    assert not GrantsSnapshot.objects.filter(pk=oldest.pk).exists()
    assert not __import__("os").path.exists(path)
    assert prune_snapshots(keep=1) == 1


def test_publishing_an_award_queues_a_regeneration(grants, django_capture_on_commit_callbacks, settings):
    settings.OPENDATA_REFRESH_ON_AWARD_SAVE = True
    generate_snapshot()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        grants.unpublished.status = "accepted"
        grants.unpublished.published_on = timezone.localdate()
        grants.unpublished.save()
    assert len(callbacks) == 1
    # The test settings run tasks at once: the new grant is in the newest snapshot.
    assert latest_snapshot().grants == 5


def test_saving_an_unpublished_award_queues_nothing(grants, django_capture_on_commit_callbacks, settings):
    settings.OPENDATA_REFRESH_ON_AWARD_SAVE = True
    with django_capture_on_commit_callbacks() as callbacks:
        grants.unpublished.title = "Core funding, revised"
        grants.unpublished.save()
    assert callbacks == []


def test_award_saves_queue_nothing_when_switched_off(grants, django_capture_on_commit_callbacks, settings):
    settings.OPENDATA_REFRESH_ON_AWARD_SAVE = False
    with django_capture_on_commit_callbacks() as callbacks:
        grants.core_funding.title = "Core funding, revised"
        grants.core_funding.save()
    assert callbacks == []


def test_the_daily_schedule_regenerates_only_when_something_changed(grants):
    out = io.StringIO()
    call_command("run_opendata_schedule", stdout=out)
    assert "regenerated, 4 grants" in out.getvalue()
    out = io.StringIO()
    call_command("run_opendata_schedule", stdout=out)
    assert "up to date, not regenerated" in out.getvalue()
    out = io.StringIO()
    call_command("run_opendata_schedule", "--force", stdout=out)
    assert "regenerated" in out.getvalue()
    assert GrantsSnapshot.objects.count() == 2


def test_a_snapshot_generated_for_a_later_day_includes_grants_published_by_then(grants):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    assert generate_snapshot(today=tomorrow).grants == 5


def test_a_snapshot_is_stale_the_day_a_grant_published_ahead_of_time_becomes_public(grants):
    snapshot = generate_snapshot()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    assert not is_stale(snapshot)
    assert is_stale(snapshot, today=tomorrow)
    assert refresh_snapshot(today=tomorrow).grants == 5
