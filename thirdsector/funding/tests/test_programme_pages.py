"""Programme set-up pages: who may use them, and what each change records."""

from decimal import Decimal

import pytest
from django.urls import reverse

from thirdsector.accounts.roles import MembershipRole, Role
from thirdsector.accounts.tests.factories import MembershipFactory, UserFactory
from thirdsector.conftest import ALL_ROLES, STAFF_ROLES, signed_in_client
from thirdsector.funding.models import Criterion, EligibilityRules, Programme, ProgrammeBudget, Round
from thirdsector.register.models import OrganisationKind
from thirdsector.register.tests.factories import OrganisationFactory

from .factories import ApplicationFactory, CriterionFactory, ProgrammeFactory, RoundFactory, ScoreFactory

pytestmark = pytest.mark.django_db

SIGNED_IN_NOT_STAFF = set(ALL_ROLES) - STAFF_ROLES - {"public"}


def _pages(programme, round_, criterion):
    return [
        reverse("funding:programmes"),
        reverse("funding:programme", args=[programme.slug]),
        reverse("funding:programme-edit", args=[programme.slug]),
        reverse("funding:programme-budgets", args=[programme.slug]),
        reverse("funding:programme-eligibility", args=[programme.slug]),
        reverse("funding:programme-criteria", args=[programme.slug]),
        reverse("funding:criterion-edit", args=[programme.slug, criterion.pk]),
        reverse("funding:criterion-remove", args=[programme.slug, criterion.pk]),
        reverse("funding:round-create", args=[programme.slug]),
        reverse("funding:round-edit", args=[round_.pk]),
        reverse("funding:programme-create"),
    ]


@pytest.fixture
def body():
    return OrganisationFactory(name="National Lottery Distributor", kind=OrganisationKind.NDPB)


@pytest.fixture
def administered(body):
    """A programme administered by an outside body."""
    return ProgrammeFactory(
        name="Community Asset Transfer Fund", slug="asset-transfer", code="CAT", administering_body=body
    )


@pytest.fixture
def fund_administrator_client(body):
    user = UserFactory(roles=[Role.FUND_ADMINISTRATOR])
    MembershipFactory(organisation=body, user=user, role=MembershipRole.EDITOR)
    return signed_in_client(user)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_staff_use_the_programme_pages(clients_by_role, programme, open_round, role):
    criterion = programme.criteria.first()
    for url in _pages(programme, open_round, criterion):
        response = clients_by_role[role].get(url)
        if role == "public":
            assert response.status_code == 302, url
            assert "/accounts/" in response["Location"] or "login" in response["Location"], url
        elif role in STAFF_ROLES:
            assert response.status_code == 200, url
        elif role == "fund_administrator" and url == reverse("funding:programmes"):
            # May hold the role, but administers no programme: an empty list.
            assert response.status_code == 200
            assert programme.name not in response.content.decode()
        else:
            assert response.status_code == 403, (url, role)


def test_a_fund_administrator_sees_only_the_programmes_their_body_administers(
    fund_administrator_client, administered, programme
):
    response = fund_administrator_client.get(reverse("funding:programmes"))
    page = response.content.decode()
    assert administered.name in page
    assert programme.name not in page
    assert fund_administrator_client.get(reverse("funding:programme", args=[administered.slug])).status_code == 200
    assert fund_administrator_client.get(reverse("funding:programme", args=[programme.slug])).status_code == 403


def test_a_fund_administrator_runs_set_up_pages_of_their_own_programme_only(
    fund_administrator_client, administered, programme
):
    own_round = RoundFactory(programme=administered)
    other_round = RoundFactory(programme=programme)
    criterion = CriterionFactory(programme=administered)
    for url in _pages(administered, own_round, criterion)[:-1]:
        assert fund_administrator_client.get(url).status_code == 200, url
    for url in _pages(programme, other_round, programme.criteria.first())[1:-1]:
        assert fund_administrator_client.get(url).status_code == 403, url
    # Setting up a new programme is the department's.
    assert fund_administrator_client.get(reverse("funding:programme-create")).status_code == 403


def test_an_unknown_programme_is_not_found(staff_client):
    assert staff_client.get(reverse("funding:programme", args=["no-such"])).status_code == 404


def _programme_data(body, **changes):
    data = {
        "name": "Special Grants Programme",
        "slug": "special-grants",
        "code": "sgp",
        "purpose": "Grants to national organisations.",
        "owning_team": "Third Sector Partnerships Team",
        "administering_body": body.pk,
        "status": "active",
        "replaces": "",
        "default_grant_months": "36",
        "payment_frequency": "quarterly",
        "notice_months": "3",
        "return_interval_months": "6",
        "return_due_days": "30",
        "reason": "New programme agreed by the board",
    }
    data.update(changes)
    return data


def test_staff_set_up_a_programme_with_a_reason_in_its_history(staff_client, staff_user, body):
    response = staff_client.post(reverse("funding:programme-create"), _programme_data(body))
    programme = Programme.objects.get(slug="special-grants")
    assert response.status_code == 302
    assert response["Location"] == reverse("funding:programme-budgets", args=["special-grants"])
    assert programme.code == "SGP"
    record = programme.history.latest()
    assert record.history_user == staff_user
    assert record.history_change_reason == "New programme agreed by the board"
    assert EligibilityRules.objects.filter(programme=programme).exists()


def test_a_programme_needs_a_reason(staff_client, body):
    response = staff_client.post(reverse("funding:programme-create"), _programme_data(body, reason=""))
    assert response.status_code == 200
    assert "Enter the reason for this change" in response.content.decode()
    assert not Programme.objects.filter(slug="special-grants").exists()


def test_staff_close_a_programme_and_name_its_replacement(staff_client, staff_user, programme):
    old = ProgrammeFactory(name="Special Grants Programme", slug="special-grants", code="SGP")
    data = _programme_data(old.administering_body, name=programme.name, slug=programme.slug, code=programme.code)
    data["replaces"] = old.pk
    data["reason"] = "Replaces the Special Grants Programme"
    response = staff_client.post(reverse("funding:programme-edit", args=[programme.slug]), data)
    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.replaces == old
    assert programme.history.latest().history_change_reason == "Replaces the Special Grants Programme"
    page = staff_client.get(reverse("funding:programme", args=[old.slug])).content.decode()
    assert "Replaced by" in page and programme.name in page


def test_notice_under_three_months_is_refused(staff_client, body):
    response = staff_client.post(reverse("funding:programme-create"), _programme_data(body, notice_months="2"))
    assert "at least 3 months" in response.content.decode()


# Budgets


def test_staff_set_a_years_budget_with_a_reason(staff_client, staff_user, programme):
    budget = programme.budgets.order_by("financial_year").first()
    response = staff_client.post(
        reverse("funding:programme-budgets", args=[programme.slug]),
        {"financial_year": budget.financial_year, "amount": "2500000", "reason": "Spending review settlement"},
    )
    assert response.status_code == 302
    budget.refresh_from_db()
    assert budget.amount == Decimal("2500000")
    assert budget.history.latest().history_change_reason == "Spending review settlement"
    assert budget.history.latest().history_user == staff_user


def test_a_budget_cannot_go_below_what_is_committed(staff_client, programme):
    budget = programme.budgets.order_by("financial_year").first()
    ProgrammeBudget.objects.filter(pk=budget.pk).update(committed=Decimal("400000"))
    response = staff_client.post(
        reverse("funding:programme-budgets", args=[programme.slug]),
        {"financial_year": budget.financial_year, "amount": "399999.99", "reason": "Cut"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "£400,000.00 is already committed" in page
    budget.refresh_from_db()
    assert budget.amount == Decimal("1000000.00")


def test_a_budget_may_be_set_to_exactly_what_is_committed(staff_client, programme):
    budget = programme.budgets.order_by("financial_year").first()
    ProgrammeBudget.objects.filter(pk=budget.pk).update(committed=Decimal("400000"))
    staff_client.post(
        reverse("funding:programme-budgets", args=[programme.slug]),
        {"financial_year": budget.financial_year, "amount": "400000", "reason": "Closing the year"},
    )
    budget.refresh_from_db()
    assert budget.amount == Decimal("400000")


def test_a_new_year_gets_a_budget(staff_client, programme):
    year = programme.budgets.order_by("-financial_year").first().financial_year + 1
    staff_client.post(
        reverse("funding:programme-budgets", args=[programme.slug]),
        {"financial_year": year, "amount": "500000", "reason": "Next year's allocation"},
    )
    assert ProgrammeBudget.objects.get(programme=programme, financial_year=year).amount == Decimal("500000")


# Eligibility


def _rules_data(**changes):
    data = {
        "organisation_kinds": ["registered_charity", "cio"],
        "minimum_income": "",
        "maximum_income": "30000",
        "areas": [],
        "requires_strategic_partner_status": "on",
        "minimum_amount": "250",
        "maximum_amount": "5000",
        "minimum_months": "",
        "maximum_months": "12",
        "reason": "Small grants rules",
    }
    data.update(changes)
    return data


def test_eligibility_rules_change_with_a_reason_in_the_history(staff_client, staff_user, programme):
    response = staff_client.post(reverse("funding:programme-eligibility", args=[programme.slug]), _rules_data())
    assert response.status_code == 302
    rules = EligibilityRules.objects.get(programme=programme)
    assert rules.organisation_kinds == ["registered_charity", "cio"]
    assert rules.maximum_income == Decimal("30000")
    assert rules.requires_strategic_partner_status
    record = rules.history.latest()
    assert record.history_change_reason == "Small grants rules"
    assert record.history_user == staff_user
    page = staff_client.get(reverse("funding:programme-eligibility", args=[programme.slug])).content.decode()
    assert "Annual income under £30,000." in page
    assert "do not" not in page or "keep the result" in page
    assert "Applications already submitted keep the result" in page


def test_eligibility_areas_are_saved(staff_client, programme):
    from thirdsector.register.models import Area

    area = Area.objects.filter(is_current=True).first()
    staff_client.post(reverse("funding:programme-eligibility", args=[programme.slug]), _rules_data(areas=[area.pk]))
    assert list(EligibilityRules.objects.get(programme=programme).areas.all()) == [area]


def test_changing_the_rules_leaves_a_submitted_applications_check_alone(staff_client, programme, open_round):
    record = {"checked_at": "2026-05-01T10:00:00", "rules": [{"rule": "income", "passed": True, "reason": ""}]}
    application = ApplicationFactory(round=open_round, status="submitted", eligibility_at_submission=record)
    staff_client.post(reverse("funding:programme-eligibility", args=[programme.slug]), _rules_data())
    application.refresh_from_db()
    assert application.eligibility_at_submission == record


def test_an_income_range_upside_down_is_refused(staff_client, programme):
    response = staff_client.post(
        reverse("funding:programme-eligibility", args=[programme.slug]),
        _rules_data(minimum_income="50000", maximum_income="30000"),
    )
    assert "The income limit must be more than the minimum income." in response.content.decode()
    assert EligibilityRules.objects.get(programme=programme).maximum_income is None


# Criteria


def test_staff_add_change_and_remove_criteria_with_reasons(staff_client, programme):
    url = reverse("funding:programme-criteria", args=[programme.slug])
    staff_client.post(
        url,
        {"name": "Fit", "guidance": "How well it fits", "weight": "3", "maximum_score": "10", "reason": "Board asked"},
    )
    criterion = Criterion.objects.get(programme=programme, name="Fit")
    assert criterion.weight == 3 and criterion.maximum_score == 10
    assert criterion.position > programme.criteria.exclude(pk=criterion.pk).order_by("-position").first().position
    assert criterion.history.latest().history_change_reason == "Board asked"

    staff_client.post(
        reverse("funding:criterion-edit", args=[programme.slug, criterion.pk]),
        {"name": "Fit", "guidance": "Fit with priorities", "weight": "2", "maximum_score": "10", "position": "0",
         "reason": "Reweighted"},
    )  # fmt: skip
    criterion.refresh_from_db()
    assert criterion.weight == 2 and criterion.guidance == "Fit with priorities"
    assert criterion.history.latest().history_change_reason == "Reweighted"

    response = staff_client.post(
        reverse("funding:criterion-remove", args=[programme.slug, criterion.pk]), {"reason": "Not needed"}
    )
    assert response.status_code == 302
    assert not Criterion.objects.filter(pk=criterion.pk).exists()
    assert Criterion.history.filter(id=criterion.pk, history_type="-").get().history_change_reason == "Not needed"


def test_a_scored_criterion_cannot_be_removed(staff_client, programme):
    criterion = programme.criteria.first()
    ScoreFactory(criterion=criterion)
    response = staff_client.post(
        reverse("funding:criterion-remove", args=[programme.slug, criterion.pk]), {"reason": "Not needed"}
    )
    assert "already scored" in response.content.decode()
    assert Criterion.objects.filter(pk=criterion.pk).exists()


def test_a_weight_of_zero_is_refused(staff_client, programme):
    response = staff_client.post(
        reverse("funding:programme-criteria", args=[programme.slug]),
        {"name": "Fit", "guidance": "x", "weight": "0", "maximum_score": "5", "reason": "r"},
    )
    assert response.status_code == 200
    assert not Criterion.objects.filter(name="Fit").exists()


def test_a_criterion_of_another_programme_is_not_found(staff_client, programme):
    other = CriterionFactory()
    assert staff_client.get(reverse("funding:criterion-edit", args=[programme.slug, other.pk])).status_code == 404


# Rounds


def _round_data(**changes):
    data = {
        "name": "Core funding 2028",
        "opens_on": "2028-04-01",
        "closes_on": "2028-06-30",
        "budget": "2000000",
        "is_published": "on",
        "guidance": "Read the criteria first.",
        "reason": "Round agreed",
    }
    data.update(changes)
    return data


def test_staff_add_and_edit_a_round_with_reasons(staff_client, staff_user, programme):
    response = staff_client.post(reverse("funding:round-create", args=[programme.slug]), _round_data())
    assert response.status_code == 302
    round_ = Round.objects.get(name="Core funding 2028")
    assert round_.is_published and round_.created_by == staff_user
    assert round_.history.latest().history_change_reason == "Round agreed"
    staff_client.post(
        reverse("funding:round-edit", args=[round_.pk]), _round_data(is_published="", reason="Not ready yet")
    )
    round_.refresh_from_db()
    assert not round_.is_published
    assert round_.history.latest().history_change_reason == "Not ready yet"


def test_a_round_closing_before_it_opens_is_refused(staff_client, programme):
    response = staff_client.post(
        reverse("funding:round-create", args=[programme.slug]), _round_data(closes_on="2028-03-01")
    )
    assert "The closing date must be on or after the opening date" in response.content.decode()
    assert not Round.objects.filter(name="Core funding 2028").exists()


def test_a_closed_programme_takes_no_new_rounds(staff_client, programme):
    Programme.objects.filter(pk=programme.pk).update(status="closed")
    response = staff_client.post(reverse("funding:round-create", args=[programme.slug]), _round_data())
    assert "is closed" in response.content.decode()
