"""An anchor's editors keep its services for the ORUK feed; nobody else can."""

import pytest
from django.urls import reverse

from ..models import AnchorService, Taxonomy
from .factories import AnchorServiceFactory, ServiceScheduleFactory

pytestmark = pytest.mark.django_db

SERVICE = {
    "name": "Youth club",
    "description": "Tuesday and Thursday evenings for 11 to 18 year olds.",
    "status": "active",
    "eligibility": "young people",
    "minimum_age": "11",
    "maximum_age": "18",
    "languages": "English",
    "location_name": "Hillside Community Centre",
    "address_1": "1 Hill Street",
    "city": "Leeds",
    "postal_code": "LS6 1AA",
}


def test_a_member_adds_a_service_placed_at_its_local_authority(member_client, anchor):
    term = Taxonomy.objects.get(code="lgsl-youth-clubs")
    response = member_client.post(
        reverse("anchors:service-add", args=[anchor.pk]), {**SERVICE, "taxonomies": [term.pk]}
    )
    service = AnchorService.objects.get(anchor=anchor)
    assert response.url == reverse("anchors:service", args=[anchor.pk, service.pk])
    assert list(service.taxonomies.all()) == [term]
    assert service.latitude == anchor.organisation.local_authority.latitude
    assert service.history.first().history_change_reason == "Service added"


def test_ages_the_wrong_way_round_are_refused(member_client, anchor):
    response = member_client.post(
        reverse("anchors:service-add", args=[anchor.pk]), {**SERVICE, "minimum_age": "18", "maximum_age": "11"}
    )
    assert "The maximum age must be" in response.content.decode()
    assert not AnchorService.objects.exists()


def test_a_member_adds_and_removes_an_opening_time(member_client, anchor):
    service = AnchorServiceFactory(anchor=anchor)
    url = reverse("anchors:service", args=[anchor.pk, service.pk])
    member_client.post(url, {"byday": "TU", "opens_at": "18:00", "closes_at": "20:00"})
    opening = service.schedules.get()
    assert str(opening) == "Tuesday 18:00–20:00"
    response = member_client.post(url, {"byday": "TU", "opens_at": "20:00", "closes_at": "18:00"})
    assert "The closing time must be after the opening time" in response.content.decode()
    member_client.post(reverse("anchors:opening-remove", args=[anchor.pk, service.pk, opening.pk]))
    assert not service.schedules.exists()


def test_nobody_else_changes_the_services(clients_by_role, anchor):
    service = AnchorServiceFactory(anchor=anchor)
    opening = ServiceScheduleFactory(service=service)
    urls = [
        reverse("anchors:service-add", args=[anchor.pk]),
        reverse("anchors:service", args=[anchor.pk, service.pk]),
        reverse("anchors:service-edit", args=[anchor.pk, service.pk]),
    ]
    for role in ("member_elsewhere", "assessor", "commissioner", "council_officer"):
        for url in urls:
            assert clients_by_role[role].get(url).status_code == 403, (role, url)
        remove = reverse("anchors:opening-remove", args=[anchor.pk, service.pk, opening.pk])
        assert clients_by_role[role].post(remove).status_code == 403
    assert clients_by_role["department_staff"].get(urls[2]).status_code == 200
