import pytest

from thirdsector.core.audit import history_of
from thirdsector.register.models import Characteristic, Identifier
from thirdsector.register.services.organisations import (
    add_identifier,
    create_organisation,
    remove_identifier,
    update_organisation,
)

pytestmark = pytest.mark.django_db


def test_a_create_is_recorded_with_who_and_why(staff_user):
    organisation = create_organisation(by=staff_user, reason="New charity", name="Acorn Trust", kind="cio")
    [entry] = history_of(organisation)
    assert (entry.action, entry.who, entry.reason) == ("Created", "Sam Staff", "New charity")


def test_a_change_lists_each_field_with_old_and_new_values(staff_user):
    organisation = create_organisation(by=staff_user, reason="New", name="Acorn Trust", kind="cio")
    update_organisation(
        organisation=organisation,
        by=staff_user,
        reason="Annual report",
        kind="registered_charity",
        latest_income=50_000,
    )
    latest = history_of(organisation)[0]
    changes = {change.field: (change.old, change.new) for change in latest.changes}
    assert changes["Kind"] == ("Charitable incorporated organisation (CIO)", "Registered charity")
    assert changes["Latest annual income"] == (None, 50_000)
    assert latest.reason == "Annual report"


def test_a_change_to_a_set_names_what_was_added(staff_user):
    organisation = create_organisation(by=staff_user, reason="New", name="Acorn Trust", kind="cio")
    update_organisation(
        organisation=organisation,
        by=staff_user,
        reason="They told us",
        related={"characteristics": Characteristic.objects.filter(slug__in=["bme-led", "user-led"])},
    )
    change = next(c for entry in history_of(organisation) for c in entry.changes if c.field == "Characteristics")
    assert (change.old, change.new) == ("", "BME-led, User-led")


def test_a_deletion_is_recorded_with_who_and_why(staff_user):
    organisation = create_organisation(by=staff_user, reason="New", name="Acorn Trust", kind="cio")
    identifier = add_identifier(organisation=organisation, text="GB-CHC-1123456", by=staff_user, reason="Found it")
    remove_identifier(identifier=identifier, by=staff_user, reason="Wrong charity")
    deleted = Identifier.history.filter(org_id="GB-CHC-1123456", history_type="-").get()
    assert deleted.history_user == staff_user
    assert deleted.history_change_reason == "Wrong charity"


def test_a_change_to_a_link_names_the_record_not_its_id(staff_user):
    from thirdsector.register.models import Area

    organisation = create_organisation(by=staff_user, reason="New", name="Acorn Trust", kind="cio")
    leeds = Area.objects.get(gss_code="E08000035")
    update_organisation(organisation=organisation, by=staff_user, reason="Moved", local_authority=leeds)
    change = next(c for c in history_of(organisation)[0].changes if c.field == "Local authority")
    assert (change.old, change.new) == (None, "Leeds")
