"""LSPs and LAAs: public pages, a council officer changes only its own council's records, the 35-target limit,
a change to a partnership kept in its history with the reason typed."""

import datetime

import pytest
from django.test import override_settings
from django.urls import reverse

from thirdsector.conftest import ALL_ROLES, STAFF_ROLES

from ..models import AgreementTarget, LocalStrategicPartnership, NationalIndicator
from ..services.local import LocalPartnershipError, add_target, save_partnership, start_agreement, three_years_from
from .factories import (
    AgreementTargetFactory,
    LocalAreaAgreementFactory,
    LocalStrategicPartnershipFactory,
    PartnershipMemberFactory,
)

pytestmark = pytest.mark.django_db


def test_the_national_indicators_include_volunteering_and_a_thriving_third_sector():
    assert NationalIndicator.objects.get(number=6).name == "Participation in regular volunteering"
    assert NationalIndicator.objects.get(number=7).name == "Environment for a thriving third sector"
    assert set(range(1, 11)) <= set(NationalIndicator.objects.values_list("number", flat=True))


@pytest.mark.parametrize("role", ALL_ROLES)
def test_everyone_reads_a_partnership_and_its_agreement(clients_by_role, role, leeds_council):
    partnership = LocalStrategicPartnershipFactory(council=leeds_council, name="Leeds Initiative")
    PartnershipMemberFactory(partnership=partnership, organisation__name="Voluntary Action Leeds")
    agreement = LocalAreaAgreementFactory(partnership=partnership)
    AgreementTargetFactory(agreement=agreement, indicator=NationalIndicator.objects.get(number=6), target="Up 3 points")
    client = clients_by_role[role]
    page = client.get(reverse("partnerships:local-partnership", args=[leeds_council.pk]))
    assert page.status_code == 200
    assert "Voluntary Action Leeds" in page.content.decode()
    page = client.get(reverse("partnerships:local-agreement", args=[agreement.pk]))
    assert page.status_code == 200
    assert "Participation in regular volunteering" in page.content.decode()
    assert "Up 3 points" in page.content.decode()


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_staff_change_a_council_they_do_not_belong_to(clients_by_role, role, leeds_council):
    response = clients_by_role[role].get(reverse("partnerships:local-partnership-edit", args=[leeds_council.pk]))
    if role == "public":
        assert response.status_code == 302
    elif role in STAFF_ROLES:
        assert response.status_code == 200
    else:
        assert response.status_code == 403


def test_a_council_officer_records_its_own_partnership(leeds_officer_client, leeds_officer, leeds_council):
    response = leeds_officer_client.post(
        reverse("partnerships:local-partnership-edit", args=[leeds_council.pk]),
        {
            "name": "Leeds Initiative",
            "third_sector_board_seats": "4",
            "third_sector_theme_group_seats": "9",
            "supporting_body": "Voluntary Action Leeds",
            "local_compact": "on",
            "local_compact_signed_on": "2008-06-01",
        },
    )
    assert response.status_code == 302
    partnership = LocalStrategicPartnership.objects.get(council=leeds_council)
    assert partnership.third_sector_board_seats == 4
    assert partnership.local_compact_signed_on == datetime.date(2008, 6, 1)
    assert partnership.history.first().history_user == leeds_officer


LSP_FORM = {
    "name": "Leeds Initiative",
    "third_sector_board_seats": "5",
    "third_sector_theme_group_seats": "9",
    "supporting_body": "Voluntary Action Leeds",
    "local_compact": "on",
    "local_compact_signed_on": "2008-06-01",
}


def test_setting_up_a_partnership_asks_no_reason_and_is_recorded_as_set_up(leeds_officer_client, leeds_council):
    url = reverse("partnerships:local-partnership-edit", args=[leeds_council.pk])
    assert "reason" not in leeds_officer_client.get(url).context["form"].fields
    assert leeds_officer_client.post(url, LSP_FORM).status_code == 302
    partnership = LocalStrategicPartnership.objects.get(council=leeds_council)
    assert partnership.history.get().history_change_reason == "LSP set up"


def test_changing_a_partnership_needs_a_reason(leeds_officer_client, leeds_council):
    partnership = LocalStrategicPartnershipFactory(council=leeds_council, third_sector_board_seats=3)
    response = leeds_officer_client.post(
        reverse("partnerships:local-partnership-edit", args=[leeds_council.pk]), LSP_FORM
    )
    assert response.status_code == 200
    assert response.context["form"].errors["reason"] == ["Enter the reason for this change"]
    assert "govuk-error-summary" in response.content.decode()
    partnership.refresh_from_db()
    assert partnership.third_sector_board_seats == 3


def test_the_reason_typed_for_a_change_is_in_the_history(leeds_officer_client, leeds_officer, leeds_council):
    partnership = LocalStrategicPartnershipFactory(council=leeds_council, third_sector_board_seats=3)
    response = leeds_officer_client.post(
        reverse("partnerships:local-partnership-edit", args=[leeds_council.pk]),
        {**LSP_FORM, "reason": "Two more seats agreed at the board's AGM"},
    )
    assert response.status_code == 302
    partnership.refresh_from_db()
    assert partnership.third_sector_board_seats == 5
    latest = partnership.history.latest()
    assert latest.history_change_reason == "Two more seats agreed at the board's AGM"
    assert latest.history_user == leeds_officer


def test_the_service_refuses_a_change_without_a_reason(leeds_council):
    LocalStrategicPartnershipFactory(council=leeds_council)
    with pytest.raises(LocalPartnershipError, match="Enter the reason for this change"):
        save_partnership(council=leeds_council, name="Leeds Initiative")


def test_a_council_officer_cannot_change_another_councils_records(leeds_officer_client, other_council):
    partnership = LocalStrategicPartnershipFactory(council=other_council)
    agreement = LocalAreaAgreementFactory(partnership=partnership)
    member = PartnershipMemberFactory(partnership=partnership)
    for name, args in [
        ("local-partnership-edit", [other_council.pk]),
        ("local-member-add", [other_council.pk]),
        ("local-member-remove", [other_council.pk, member.pk]),
        ("local-agreement-add", [other_council.pk]),
        ("local-target-add", [agreement.pk]),
        ("local-engagement-add", [other_council.pk]),
    ]:
        assert leeds_officer_client.post(reverse(f"partnerships:{name}", args=args), {}).status_code == 403, name
    assert partnership.members.count() == 1


def test_a_viewer_of_the_council_record_does_not_act_for_it(leeds_council):
    from thirdsector.accounts.roles import MembershipRole, Role
    from thirdsector.accounts.tests.factories import MembershipFactory, UserFactory
    from thirdsector.conftest import signed_in_client

    viewer = UserFactory(roles=[Role.COUNCIL_OFFICER])
    MembershipFactory(user=viewer, organisation=leeds_council, role=MembershipRole.VIEWER)
    response = signed_in_client(viewer).get(reverse("partnerships:local-partnership-edit", args=[leeds_council.pk]))
    assert response.status_code == 403


def test_a_council_officer_adds_a_member_and_an_agreement(leeds_officer_client, leeds_council):
    from thirdsector.register.tests.factories import OrganisationFactory

    LocalStrategicPartnershipFactory(council=leeds_council)
    police = OrganisationFactory(name="West Yorkshire Police")
    response = leeds_officer_client.post(
        reverse("partnerships:local-member-add", args=[leeds_council.pk]),
        {"organisation": police.pk, "sector": "police"},
    )
    assert response.status_code == 302
    response = leeds_officer_client.post(
        reverse("partnerships:local-agreement-add", args=[leeds_council.pk]), {"starts_on": "2008-04-01"}
    )
    assert response.status_code == 302
    agreement = leeds_council.local_strategic_partnership.agreements.get()
    assert agreement.ends_on == datetime.date(2011, 3, 31)


def test_an_agreement_runs_for_three_years():
    assert three_years_from(datetime.date(2008, 4, 1)) == datetime.date(2011, 3, 31)
    assert three_years_from(datetime.date(2008, 2, 29)) == datetime.date(2011, 2, 28)


def test_agreements_of_one_partnership_do_not_overlap():
    agreement = LocalAreaAgreementFactory()
    with pytest.raises(LocalPartnershipError, match="already has an agreement"):
        start_agreement(partnership=agreement.partnership, starts_on=datetime.date(2010, 4, 1))


def test_the_36th_target_is_refused_with_the_reason():
    agreement = LocalAreaAgreementFactory()
    for _ in range(35):
        AgreementTargetFactory(agreement=agreement)
    with pytest.raises(LocalPartnershipError, match="at most 35 improvement targets"):
        add_target(agreement=agreement, indicator=NationalIndicator.objects.get(number=7), target="More groups")
    assert agreement.targets.count() == 35


@override_settings(PARTNERSHIP_LAA_MAX_TARGETS=2)
def test_the_target_limit_is_a_setting_and_the_page_shows_the_refusal(leeds_officer_client, leeds_council):
    agreement = LocalAreaAgreementFactory(partnership=LocalStrategicPartnershipFactory(council=leeds_council))
    AgreementTargetFactory.create_batch(2, agreement=agreement)
    response = leeds_officer_client.post(
        reverse("partnerships:local-target-add", args=[agreement.pk]),
        {"indicator": NationalIndicator.objects.get(number=6).pk, "target": "Up", "involvement_level": "leading"},
    )
    assert response.status_code == 200
    assert "at most 2 improvement targets" in response.content.decode()
    assert AgreementTarget.objects.filter(agreement=agreement).count() == 2


def test_a_council_officer_adds_a_target_with_the_third_sectors_involvement(leeds_officer_client, leeds_council):
    agreement = LocalAreaAgreementFactory(partnership=LocalStrategicPartnershipFactory(council=leeds_council))
    response = leeds_officer_client.post(
        reverse("partnerships:local-target-add", args=[agreement.pk]),
        {
            "indicator": NationalIndicator.objects.get(number=7).pk,
            "target": "Improve by 5 points",
            "third_sector_involvement": "Voluntary Action Leeds leads the theme group",
            "involvement_level": "leading",
        },
    )
    assert response.status_code == 302
    target = agreement.targets.get()
    assert (target.indicator.number, target.involvement_level) == (7, "leading")


def test_an_indicator_is_chosen_once_per_agreement():
    target = AgreementTargetFactory()
    with pytest.raises(LocalPartnershipError, match="already one of this agreement's targets"):
        add_target(agreement=target.agreement, indicator=target.indicator, target="Again")


def test_the_partnership_list_does_not_grow_queries_with_rows(client, django_assert_num_queries):
    LocalStrategicPartnershipFactory.create_batch(2)
    with django_assert_num_queries(2):
        assert client.get(reverse("partnerships:local-partnerships")).status_code == 200
    LocalStrategicPartnershipFactory.create_batch(5)
    with django_assert_num_queries(2):
        assert client.get(reverse("partnerships:local-partnerships")).status_code == 200


def test_a_partnership_page_does_not_grow_queries_with_members_or_targets(
    client, leeds_council, django_assert_num_queries
):
    partnership = LocalStrategicPartnershipFactory(council=leeds_council)
    PartnershipMemberFactory(partnership=partnership)
    AgreementTargetFactory(agreement=LocalAreaAgreementFactory(partnership=partnership))
    url = reverse("partnerships:local-partnership", args=[leeds_council.pk])
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as before:
        client.get(url)
    PartnershipMemberFactory.create_batch(4, partnership=partnership)
    AgreementTargetFactory.create_batch(4, agreement=partnership.agreements.get())
    with django_assert_num_queries(len(before.captured_queries)):
        client.get(url)


def test_the_page_for_a_council_without_a_partnership_says_so(client, other_council):
    response = client.get(reverse("partnerships:local-partnership", args=[other_council.pk]))
    assert response.status_code == 200
    assert "No partnership has been recorded" in response.content.decode()


def test_an_organisation_that_is_not_a_council_has_no_partnership_page(client, organisation):
    assert client.get(reverse("partnerships:local-partnership", args=[organisation.pk])).status_code == 404
