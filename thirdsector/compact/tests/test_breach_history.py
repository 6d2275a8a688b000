"""A breach case's history names the commitments it was reported under, and any change to them."""

import datetime

import pytest
from django.urls import reverse

from thirdsector.core.audit import attribute, history_of

from ..models import Commitment
from ..services.breaches import report_breach

pytestmark = pytest.mark.django_db


def _report(department, commitments, **kwargs):
    return report_breach(
        body=department,
        commitments=commitments,
        what_happened="Funding cut with two weeks' notice",
        happened_on=datetime.date(2026, 3, 2),
        today=datetime.date(2026, 4, 1),
        **kwargs,
    )


def _named(record) -> set[int]:
    return {row.commitment_id for row in record.commitments.all()}


def test_the_history_names_the_commitments_a_breach_was_reported_under(department, staff_client):
    first, second = Commitment.objects.order_by("id")[:2]
    case = _report(department, [first, second], name="Sam", email="sam@charity.example")

    assert _named(case.history.latest()) == {first.pk, second.pk}
    [change] = [change for change in history_of(case)[0].changes if change.field == "Commitments"]
    assert change.new == ", ".join(sorted([str(first), str(second)]))
    page = staff_client.get(reverse("compact:breach", args=[case.reference])).content.decode()
    assert "<strong>Commitments</strong>: (empty) → " in page


def test_a_change_to_the_commitments_is_recorded_with_who_and_why(department, staff_user):
    first, second, third = Commitment.objects.order_by("id")[:3]
    case = _report(department, [first, second], name="Sam", email="sam@charity.example")
    reported = case.history.latest()

    attribute(case, by=staff_user, reason="The report meant the funding code")
    case.commitments.set([third])

    latest = case.history.latest()
    assert _named(latest) == {third.pk}
    assert latest.history_user == staff_user
    assert latest.history_change_reason == "The report meant the funding code"
    assert _named(reported) == {first.pk, second.pk}
    entry = history_of(case)[0]
    assert [(change.field, change.new) for change in entry.changes if change.field == "Commitments"] == [
        ("Commitments", str(third))
    ]


def test_the_commitments_history_of_an_anonymous_report_names_nobody(department, member_user):
    case = _report(
        department,
        [Commitment.objects.order_by("id").first()],
        anonymous=True,
        by=member_user,
        organisation=member_user.memberships.first().organisation,
    )
    assert case.history.count() >= 2
    assert not case.history.filter(history_user_id__isnull=False).exists()
