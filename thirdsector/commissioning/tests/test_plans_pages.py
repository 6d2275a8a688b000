"""Plan pages: the public sees published plans only; a council edits only its own plans; another council's
officer gets 403 on a published plan's edit pages and 404 on a draft, and sees nothing private of it."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ..models import ActivityKind, PlanStatus
from ..services.involvement import record_activity
from .factories import CommissioningPlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(leeds_council):
    return CommissioningPlanFactory(commissioner=leeds_council, title="Secret draft of a carers plan")


@pytest.fixture
def published(leeds_council, leeds_officer):
    plan = CommissioningPlanFactory(
        commissioner=leeds_council, title="Published youth plan", status=PlanStatus.PUBLISHED
    )
    record_activity(
        plan=plan,
        kind=ActivityKind.EVENT,
        title="Market event",
        held_on=timezone.localdate(),
        summary="Providers asked for longer agreements",
        community_members=20,
        what_changed="Agreements lengthened to three years",
        by=leeds_officer,
    )
    return plan


def test_anyone_reads_a_published_plan_with_what_changed(published):
    page = Client().get(published.get_absolute_url())
    assert page.status_code == 200
    assert "Agreements lengthened to three years" in page.content.decode()


def test_a_draft_is_hidden_from_the_public_and_other_councils(draft, other_officer_client):
    assert Client().get(draft.get_absolute_url()).status_code == 404
    assert other_officer_client.get(draft.get_absolute_url()).status_code == 404


def test_the_councils_officer_sees_its_draft(draft, leeds_officer_client):
    page = leeds_officer_client.get(draft.get_absolute_url())
    assert page.status_code == 200
    assert "Publish" in page.content.decode()


@pytest.mark.parametrize("name", ["plan_edit", "activity_add"])
def test_another_council_cannot_change_a_published_plan(name, published, other_officer_client):
    assert other_officer_client.get(reverse(f"commissioning:{name}", args=[published.pk])).status_code == 403


@pytest.mark.parametrize("name", ["plan_edit", "activity_add", "plan_history"])
def test_another_council_is_told_nothing_of_a_draft(name, draft, other_officer_client):
    response = other_officer_client.get(reverse(f"commissioning:{name}", args=[draft.pk]))
    assert response.status_code == 404
    assert "Secret draft" not in response.content.decode()


def test_another_councils_officer_cannot_take_a_step_on_the_plan(published, other_officer_client):
    url = reverse("commissioning:plan_step", args=[published.pk, "withdraw"])
    assert other_officer_client.post(url, {"reason": "Mine now"}).status_code == 403
    published.refresh_from_db()
    assert published.status == PlanStatus.PUBLISHED


def test_an_organisation_member_cannot_draft_plans(member_client):
    assert member_client.get(reverse("commissioning:plan_create")).status_code == 403


def test_the_plan_form_shows_the_error_summary(leeds_officer_client):
    page = leeds_officer_client.post(reverse("commissioning:plan_create"), {"title": ""})
    assert page.status_code == 200
    assert "There is a problem" in page.content.decode()


def test_a_refused_step_is_explained_on_the_page(draft, leeds_officer_client):
    draft.areas.clear()
    page = leeds_officer_client.post(reverse("commissioning:plan_step", args=[draft.pk, "publish"]), {"reason": "Go"})
    assert "Choose at least one area the plan covers" in page.content.decode()


def test_the_portal_shows_only_the_councils_own_plans(draft, other_council, leeds_officer_client):
    CommissioningPlanFactory(commissioner=other_council, title="Bradford's own plan")
    page = leeds_officer_client.get(reverse("commissioning:portal")).content.decode()
    assert "Secret draft of a carers plan" in page
    assert "Bradford's own plan" not in page


def test_history_is_for_the_council_and_oversight(published, staff_client, other_officer_client, leeds_officer_client):
    url = reverse("commissioning:plan_history", args=[published.pk])
    assert leeds_officer_client.get(url).status_code == 200
    assert staff_client.get(url).status_code == 200
    assert other_officer_client.get(url).status_code == 403


def test_the_public_list_and_its_csv_hold_published_plans_only(published, draft):
    page = Client().get(reverse("commissioning:plans")).content.decode()
    assert "Published youth plan" in page and "Secret draft" not in page
    csv = b"".join(Client().get(reverse("commissioning:plans"), {"format": "csv"}).streaming_content).decode()
    assert "Published youth plan" in csv and "Secret draft" not in csv


def test_the_plan_list_reads_the_same_number_of_queries_for_more_plans(leeds_council, django_assert_num_queries):
    CommissioningPlanFactory(commissioner=leeds_council, status=PlanStatus.PUBLISHED, published_on=timezone.localdate())
    client = Client()
    client.get(reverse("commissioning:plans"))  # warm the caches of reference data first
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("commissioning:plans"))
    CommissioningPlanFactory.create_batch(
        6, commissioner=leeds_council, status=PlanStatus.PUBLISHED, published_on=timezone.localdate()
    )
    with django_assert_num_queries(len(few)):
        client.get(reverse("commissioning:plans"))


def test_the_portal_reads_the_same_number_of_queries_for_more_plans(
    leeds_council, leeds_officer_client, django_assert_num_queries
):
    CommissioningPlanFactory(commissioner=leeds_council)
    leeds_officer_client.get(reverse("commissioning:portal"))  # warm the caches of reference data first
    with CaptureQueriesContext(connection) as few:
        leeds_officer_client.get(reverse("commissioning:portal"))
    CommissioningPlanFactory.create_batch(5, commissioner=leeds_council)
    with django_assert_num_queries(len(few)):
        leeds_officer_client.get(reverse("commissioning:portal"))
