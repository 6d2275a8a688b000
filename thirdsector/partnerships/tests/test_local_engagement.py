"""The duty to inform, consult and involve: a council logs its engagement; the log is public."""

import pytest
from django.urls import reverse

from thirdsector.conftest import ALL_ROLES

from ..models import EngagementActivity
from .factories import EngagementActivityFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ALL_ROLES)
def test_everyone_reads_a_councils_engagement_log(clients_by_role, role, leeds_council, other_council):
    EngagementActivityFactory(council=leeds_council, decision="Closing the Kirkgate day centre")
    EngagementActivityFactory(council=other_council, decision="Bradford library hours")
    response = clients_by_role[role].get(reverse("partnerships:local-engagement", args=[leeds_council.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Closing the Kirkgate day centre" in body
    assert "2 March 2026" in body
    assert "Bradford library hours" not in body


def test_a_council_officer_logs_an_activity(leeds_officer_client, leeds_officer, leeds_council):
    response = leeds_officer_client.post(
        reverse("partnerships:local-engagement-add", args=[leeds_council.pk]),
        {
            "happened_on": "2026-02-10",
            "decision": "Community transport budget",
            "kind": "involve",
            "groups_reached": "Older people's forum, disability groups",
            "groups_reached_count": "8",
            "outcome": "Routes redrawn with the forum",
        },
    )
    assert response.status_code == 302
    activity = EngagementActivity.objects.get(council=leeds_council)
    assert (activity.kind, activity.groups_reached_count) == ("involve", 8)
    assert activity.history.first().history_user == leeds_officer


def test_a_council_officer_cannot_log_for_another_council(leeds_officer_client, other_council):
    response = leeds_officer_client.post(
        reverse("partnerships:local-engagement-add", args=[other_council.pk]),
        {"happened_on": "2026-02-10", "decision": "X", "kind": "inform", "groups_reached": "Y"},
    )
    assert response.status_code == 403
    assert not EngagementActivity.objects.exists()


def test_a_missing_answer_is_shown_in_the_error_summary(leeds_officer_client, leeds_council):
    response = leeds_officer_client.post(reverse("partnerships:local-engagement-add", args=[leeds_council.pk]), {})
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()


def test_the_log_does_not_grow_queries_with_rows(client, leeds_council, django_assert_num_queries):
    EngagementActivityFactory.create_batch(2, council=leeds_council)
    url = reverse("partnerships:local-engagement", args=[leeds_council.pk])
    with django_assert_num_queries(3):
        client.get(url)
    EngagementActivityFactory.create_batch(6, council=leeds_council)
    with django_assert_num_queries(3):
        client.get(url)
