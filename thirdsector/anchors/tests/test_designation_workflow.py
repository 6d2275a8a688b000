"""Designation: proposing with evidence, staff designating or refusing, renewing at review, lapsing."""

import datetime

import pytest
from django.core.management import call_command
from django.test import override_settings

from thirdsector.register.tests.factories import OrganisationFactory

from ..models import Anchor, AnchorStatus
from ..services import AnchorsError
from ..services.designation import designate, lapse_unreviewed, propose, refuse, renew
from .factories import AnchorFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 5, 1)
EVIDENCE = {
    "community_led": True,
    "community_led_evidence": "Residents elect the board.",
    "multi_purpose": True,
    "multi_purpose_evidence": "Café, advice and youth club.",
    "local": True,
    "local_evidence": "Serves the Hillside estate.",
    "building": True,
    "building_evidence": "Leases the community centre.",
}


def test_a_member_proposes_their_organisation_with_evidence(organisation, member_user):
    anchor = propose(organisation=organisation, by=member_user, evidence=EVIDENCE, today=TODAY)
    assert anchor.status == AnchorStatus.PROPOSED
    assert anchor.proposed_by == member_user
    assert anchor.history.first().history_change_reason == "Proposed as a community anchor"


def test_a_viewer_may_not_propose(organisation, viewer_user):
    with pytest.raises(AnchorsError, match="editors or department staff"):
        propose(organisation=organisation, by=viewer_user, evidence=EVIDENCE)


def test_a_council_cannot_be_an_anchor(staff_user):
    council = OrganisationFactory(kind="local_authority")
    with pytest.raises(AnchorsError, match="public body"):
        propose(organisation=council, by=staff_user, evidence=EVIDENCE)


def test_a_yes_needs_its_evidence(organisation, member_user):
    with pytest.raises(AnchorsError) as refused:
        propose(organisation=organisation, by=member_user, evidence={**EVIDENCE, "local_evidence": " "})
    assert refused.value.field == "local_evidence"


def test_staff_designate_with_a_review_date_from_the_setting(organisation, member_user, staff_user):
    anchor = propose(organisation=organisation, by=member_user, evidence=EVIDENCE, today=TODAY)
    with override_settings(ANCHORS_REVIEW_YEARS=2):
        designate(anchor=anchor, by=staff_user, today=TODAY)
    anchor.refresh_from_db()
    assert anchor.status == AnchorStatus.DESIGNATED
    assert anchor.review_on == datetime.date(2028, 5, 1)
    assert anchor.review_years == 2
    record = anchor.history.first()
    assert (record.history_user, record.history_change_reason) == (staff_user, "Designated")


def test_a_criterion_not_met_blocks_designation(organisation, member_user, staff_user):
    anchor = propose(
        organisation=organisation,
        by=member_user,
        evidence={**EVIDENCE, "building": False, "building_evidence": ""},
        today=TODAY,
    )
    with pytest.raises(AnchorsError, match="Every criterion must be met"):
        designate(anchor=anchor, by=staff_user)


def test_a_member_may_not_designate(organisation, member_user):
    anchor = propose(organisation=organisation, by=member_user, evidence=EVIDENCE, today=TODAY)
    with pytest.raises(AnchorsError, match="only department staff"):
        designate(anchor=anchor, by=member_user)


def test_refusing_needs_a_reason_and_keeps_it(organisation, member_user, staff_user):
    anchor = propose(organisation=organisation, by=member_user, evidence=EVIDENCE, today=TODAY)
    with pytest.raises(AnchorsError, match="reason"):
        refuse(anchor=anchor, by=staff_user, reason="")
    refuse(anchor=anchor, by=staff_user, reason="The board is appointed by the council.", today=TODAY)
    anchor.refresh_from_db()
    assert anchor.status == AnchorStatus.REFUSED
    assert anchor.history.first().history_change_reason == "The board is appointed by the council."


def test_a_refused_organisation_proposes_again_on_the_same_record(organisation, member_user, staff_user):
    anchor = propose(organisation=organisation, by=member_user, evidence=EVIDENCE, today=TODAY)
    refuse(anchor=anchor, by=staff_user, reason="Not yet community-led.")
    again = propose(organisation=organisation, by=member_user, evidence=EVIDENCE, today=TODAY)
    assert again.pk == anchor.pk
    assert again.status == AnchorStatus.PROPOSED
    assert Anchor.objects.count() == 1


def test_a_designated_anchor_cannot_be_proposed(anchor, member_user):
    with pytest.raises(AnchorsError, match="already"):
        propose(organisation=anchor.organisation, by=member_user, evidence=EVIDENCE)


def test_renewing_sets_a_new_review_date(anchor, staff_user):
    renew(anchor=anchor, by=staff_user, reason="Reviewed: still meets every criterion.", today=TODAY)
    anchor.refresh_from_db()
    assert anchor.review_on == datetime.date(2029, 5, 1)


def test_the_schedule_lapses_a_designation_past_its_review_date():
    due = AnchorFactory(review_on=datetime.date(2026, 4, 30))
    not_yet = AnchorFactory(review_on=datetime.date(2026, 5, 1))
    assert lapse_unreviewed(today=TODAY) == 1
    due.refresh_from_db()
    not_yet.refresh_from_db()
    assert due.status == AnchorStatus.LAPSED
    assert due.lapsed_on == TODAY
    assert due.history.first().history_user is None
    assert "Not reviewed" in due.history.first().history_change_reason
    assert not_yet.status == AnchorStatus.DESIGNATED


def test_nobody_lapses_a_designation_by_hand(anchor, staff_user):
    from thirdsector.core.workflow import TransitionRefused, take

    with pytest.raises(TransitionRefused, match="the system"):
        take(anchor, "lapse", by=staff_user, reason="")


def test_the_management_command_runs_the_schedule(capsys):
    AnchorFactory(review_on=datetime.date(2020, 1, 1))
    call_command("run_anchors_schedule", "--today", "2026-05-01")
    assert "Designations lapsed for want of a review: 1" in capsys.readouterr().out
