"""The public register search, kept whole for visitors without cookies until the register changes."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thirdsector.register.models import Organisation
from thirdsector.register.tests.factories import IdentifierFactory, OrganisationFactory

pytestmark = pytest.mark.django_db
URL = reverse("register:search")


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.REGISTER_PAGE_CACHE_SECONDS = 300


def test_a_visitor_without_cookies_is_served_the_kept_page_without_touching_the_database(
    django_assert_num_queries,
):
    OrganisationFactory(name="Acorn Youth Club")
    first = Client().get(URL, {"q": "acorn"})
    with django_assert_num_queries(0):
        again = Client().get(URL, {"q": "acorn"})
    assert again.status_code == 200
    assert again.content == first.content
    assert b"Acorn Youth Club" in again.content


def test_each_query_is_kept_apart():
    OrganisationFactory(name="Acorn Youth Club")
    OrganisationFactory(name="Bradford Food Bank")
    Client().get(URL, {"q": "acorn"})
    other = Client().get(URL, {"q": "bradford"})
    assert b"Bradford Food Bank" in other.content
    assert b"Acorn Youth Club" not in other.content


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda organisation: Organisation.objects.get(pk=organisation.pk).save(), id="saved"),
        pytest.param(lambda organisation: organisation.characteristics.clear(), id="many-to-many"),
        pytest.param(lambda organisation: IdentifierFactory(organisation=organisation), id="identifier"),
    ],
)
def test_any_change_to_the_register_lets_the_kept_pages_go(django_capture_on_commit_callbacks, change):
    organisation = OrganisationFactory(name="Acorn Youth Club")
    Client().get(URL, {"q": "acorn"})
    Organisation.objects.filter(pk=organisation.pk).update(name="Acorn Youth Centre")  # sends no signal
    assert b"Acorn Youth Club" in Client().get(URL, {"q": "acorn"}).content
    with django_capture_on_commit_callbacks(execute=True):
        change(organisation)
    assert b"Acorn Youth Centre" in Client().get(URL, {"q": "acorn"}).content


def test_signed_in_people_and_visitors_with_cookies_get_their_own_page(staff_client):
    OrganisationFactory(name="Acorn Youth Club")
    anonymous = Client().get(URL).content
    staff = staff_client.get(URL).content
    assert staff != anonymous
    assert b"Sign out" in staff and b"Sign out" not in anonymous
    assert Client().get(URL).content == anonymous
    with_cookie = Client()
    with_cookie.cookies["messages"] = "anything"
    with CaptureQueriesContext(connection) as queries:
        assert with_cookie.get(URL).status_code == 200
    assert queries.captured_queries, "a visitor with cookies is not served from the cache"


def test_turned_off_with_a_timeout_of_zero(settings):
    settings.REGISTER_PAGE_CACHE_SECONDS = 0
    OrganisationFactory(name="Acorn Youth Club")
    Client().get(URL)
    Organisation.objects.update(name="Acorn Youth Centre")
    assert b"Acorn Youth Centre" in Client().get(URL).content
