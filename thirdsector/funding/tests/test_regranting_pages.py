"""The allocation pages and API: who may see and do what, the whole journey over HTTP, and pinned query counts."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thirdsector.accounts.roles import MembershipRole, Role
from thirdsector.accounts.tests.factories import MembershipFactory, UserFactory
from thirdsector.conftest import ALL_ROLES, signed_in_client
from thirdsector.funding.models import AllocationFund, DeprivationDataset, FundStatus, LocalFunder, Programme
from thirdsector.funding.services import regranting as services
from thirdsector.register.models import OrganisationKind
from thirdsector.register.tests.factories import OrganisationFactory

from .regranting_factories import AllocationFundFactory, LocalFunderFactory, area, national_programme

OVERSIGHT = {"department_staff", "platform_admin", "commissioner"}
STAFF = {"department_staff", "platform_admin"}
CSV_HEADER = (
    "Local Authority District code (2019),Local Authority District name (2019),IMD - Average score,"
    "IMD - Rank of average score,IMD - Average rank\n"
)


@pytest.fixture
def funders(db):
    return (
        LocalFunderFactory(organisation__name="Leeds Community Foundation", areas=["E08000035"]),
        LocalFunderFactory(organisation__name="Two Ridings Foundation", areas=["E08000032", "E08000036"]),
    )


@pytest.fixture
def calculated(funders):
    fund = AllocationFundFactory(name="Small grants fund 2026", slug="small-grants-fund-2026")
    return services.calculate(fund=fund, by=UserFactory(roles=[Role.DEPARTMENT_STAFF]))


def _status(response) -> int:
    return 302 if response.status_code == 302 and "/accounts/" in response.url else response.status_code


@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_allocation_pages_are_for_staff_and_the_commissioner(clients_by_role, calculated, funders, role):
    client = clients_by_role[role]
    row = calculated.funder_allocations.first()
    pages = [
        reverse("funding:allocation-funds"),
        reverse("funding:allocation-fund", args=[calculated.slug]),
        reverse("funding:allocation-fund-csv", args=[calculated.slug]),
        reverse("funding:allocation-datasets"),
        reverse("funding:allocation-dataset", args=[calculated.dataset_id]),
        reverse("funding:allocation-local-funders"),
        reverse("funding:allocation-funder", args=[calculated.slug, row.pk]),
        reverse("funding:allocation-local-funder", args=[funders[0].pk]),
    ]
    for url in pages:
        response = client.get(url)
        if role in OVERSIGHT:
            assert response.status_code == 200, url
        elif role == "public":
            assert _status(response) == 302, url
        else:
            assert response.status_code in (403, 404), url


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_department_staff_reach_the_forms(clients_by_role, calculated, role):
    client = clients_by_role[role]
    for url in [
        reverse("funding:allocation-fund-create"),
        reverse("funding:allocation-dataset-upload"),
        reverse("funding:allocation-local-funder-create"),
        reverse("funding:allocation-fund-calculate", args=[calculated.slug]),
        reverse("funding:allocation-fund-adjust", args=[calculated.slug]),
        reverse("funding:allocation-fund-approve", args=[calculated.slug]),
    ]:
        response = client.get(url)
        if role in STAFF:
            assert response.status_code == 200, url
        elif role == "public":
            assert _status(response) == 302
        else:
            assert response.status_code == 403, url


def test_a_local_funders_member_sees_its_own_allocation_and_not_another(calculated, funders):
    leeds, ridings = funders
    member = MembershipFactory(organisation=leeds.organisation, role=MembershipRole.ADMINISTRATOR).user
    client = signed_in_client(member)
    own = calculated.funder_allocations.get(local_funder=leeds)
    other = calculated.funder_allocations.get(local_funder=ridings)
    page = client.get(reverse("funding:allocation-funder", args=[calculated.slug, own.pk]))
    assert page.status_code == 200
    assert "Leeds" in page.content.decode()
    assert client.get(reverse("funding:allocation-funder", args=[calculated.slug, other.pk])).status_code == 404
    assert client.get(reverse("funding:allocation-local-funder", args=[leeds.pk])).status_code == 200
    assert client.get(reverse("funding:allocation-local-funder", args=[ridings.pk])).status_code == 404
    assert client.get(reverse("funding:allocation-fund", args=[calculated.slug])).status_code == 403
    api = client.get(reverse("funding_api:allocation-funder-list")).json()
    assert [row["local_funder"] for row in api["results"]] == ["Leeds Community Foundation"]


def test_the_table_shows_the_total_equals_the_fund_and_downloads_as_shown(staff_client, calculated):
    page = staff_client.get(reverse("funding:allocation-fund", args=[calculated.slug])).content.decode()
    assert "Adds up to the fund" in page
    assert "largest-remainder" in page
    download = staff_client.get(reverse("funding:allocation-fund-csv", args=[calculated.slug]))
    lines = download.content.decode().splitlines()
    assert lines[0].startswith("Local funder,Areas,Floors")
    assert Decimal(lines[-1].split(",")[5]) == Decimal("900000")


def test_adjust_form_reports_each_missing_answer(staff_client, calculated):
    response = staff_client.post(reverse("funding:allocation-fund-adjust", args=[calculated.slug]), {})
    page = response.content.decode()
    assert "There is a problem" in page
    for message in ("Choose who gives", "Choose who gets", "Enter the amount", "Say why the allocation is adjusted"):
        assert message in page


def test_an_adjustment_that_breaks_a_floor_is_refused_on_the_page(staff_client, calculated, funders):
    leeds = calculated.funder_allocations.get(local_funder=funders[0])
    ridings = calculated.funder_allocations.get(local_funder=funders[1])
    response = staff_client.post(
        reverse("funding:allocation-fund-adjust", args=[calculated.slug]),
        {"from_allocation": leeds.pk, "to_allocation": ridings.pk, "amount": str(leeds.amount), "reason": "Test"},
    )
    assert "its areas&#x27; floors need" in response.content.decode()


def test_upload_page_lists_every_rejected_row_and_saves_nothing_unless_ticked(staff_client):
    text = CSV_HEADER + "E08000035,Leeds,27.3,92,1\nE99999999,Nowhere,1,1,1\nE08000032,Bradford,x,13,1\n"
    data = {"name": "IMD", "source": "Made up", "file": SimpleUploadedFile("imd.csv", text.encode())}
    page = staff_client.post(reverse("funding:allocation-dataset-upload"), data).content.decode()
    assert "2 rows rejected" in page and "E99999999" in page and "is not a number" in page
    assert "nothing was saved" in page
    data = {**data, "file": SimpleUploadedFile("imd.csv", text.encode()), "keep_valid_rows": "on"}
    response = staff_client.post(reverse("funding:allocation-dataset-upload"), data)
    assert response.status_code == 302
    detail = staff_client.get(response.url).content.decode()
    assert "2 rows rejected" in detail and "Leeds" in detail


def test_the_whole_journey_over_http(staff_client, staff_user, second_staff_client):
    """Upload → register local funders → set up → calculate → adjust → a second person approves → the local
    programme exists."""
    text = CSV_HEADER + "E08000035,Leeds,27.3,92,1\nE08000032,Bradford,33.8,13,1\nE08000036,Wakefield,28.0,66,1\n"
    response = staff_client.post(
        reverse("funding:allocation-dataset-upload"),
        {"name": "IMD made up", "source": "Made-up figures", "file": SimpleUploadedFile("imd.csv", text.encode())},
    )
    assert response.status_code == 302
    for name, codes in (("Leeds Community Foundation", ["E08000035"]), ("Two Ridings", ["E08000032", "E08000036"])):
        organisation = OrganisationFactory(name=name, kind=OrganisationKind.LOCAL_FUNDER)
        response = staff_client.post(
            reverse("funding:allocation-local-funder-create"),
            {"organisation": organisation.pk, "areas": [area(code).pk for code in codes], "reason": "New funder"},
        )
        assert response.status_code == 302, response.content.decode()
    programme = national_programme(budget=Decimal("1000000"))
    response = staff_client.post(
        reverse("funding:allocation-fund-create"),
        {
            "name": "Small grants fund 2026", "programme": programme.pk, "financial_year": 2026, "total": "900000",
            "dataset": DeprivationDataset.objects.get().pk,
            "floor_per_area": "100000", "admin_share_percent": "10", "weight_population": "50",
            "weight_deprivation": "30", "weight_small_groups": "20",
        },
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()
    fund = AllocationFund.objects.get()
    response = staff_client.post(reverse("funding:allocation-fund-calculate", args=[fund.slug]), {"reason": "First"})
    assert response.status_code == 302
    leeds, ridings = fund.funder_allocations.order_by("local_funder__organisation__name")
    response = staff_client.post(
        reverse("funding:allocation-fund-adjust", args=[fund.slug]),
        {"from_allocation": ridings.pk, "to_allocation": leeds.pk, "amount": "1000", "reason": "More groups in Leeds"},
    )
    assert response.status_code == 302
    response = second_staff_client.post(
        reverse("funding:allocation-fund-approve", args=[fund.slug]), {"reason": "Agreed"}
    )
    assert response.status_code == 302
    fund.refresh_from_db()
    assert fund.status == FundStatus.APPROVED
    leeds.refresh_from_db()
    local = Programme.objects.get(funded_by=leeds.award)
    assert local.administering_body == LocalFunder.objects.get(pk=leeds.local_funder_id).organisation
    assert local.budgets.get(financial_year=2026).amount == leeds.amount - leeds.admin_share
    assert leeds.amount == leeds.calculated_amount + 1000
    page = staff_client.get(reverse("funding:allocation-fund", args=[fund.slug])).content.decode()
    assert "More groups in Leeds" in page and "Approved" in page


def test_approve_refused_shows_the_reason(staff_client, calculated):
    calculated.programme.budgets.update(amount=Decimal("1"))
    response = staff_client.post(reverse("funding:allocation-fund-approve", args=[calculated.slug]), {"reason": "Go"})
    assert "less than the fund of £900,000" in response.content.decode()
    assert AllocationFund.objects.get(pk=calculated.pk).status == FundStatus.CALCULATED


FOUR_EYES = "Approve: only department staff other than the person who calculated the allocation or moved money in it"


@pytest.fixture
def calculated_by_staff(funders, staff_user):
    """A fund the signed-in `staff_client` calculated itself."""
    fund = AllocationFundFactory(name="Small grants fund 2026", slug="small-grants-fund-2026")
    return services.calculate(fund=fund, by=staff_user)


def test_whoever_calculated_sees_why_they_cannot_approve_and_no_approve_button(staff_client, calculated_by_staff):
    fund_url = reverse("funding:allocation-fund", args=[calculated_by_staff.slug])
    approve_url = reverse("funding:allocation-fund-approve", args=[calculated_by_staff.slug])

    page = staff_client.get(fund_url).content.decode()
    assert f'href="{approve_url}"' not in page
    assert "so another member of department staff must check and approve it" in page
    step = staff_client.get(approve_url)
    assert FOUR_EYES in step.content.decode() and 'id="main-form"' not in step.content.decode()

    refused = staff_client.post(approve_url, {"reason": "My own figures"})
    assert refused.status_code == 200
    assert "There is a problem" in refused.content.decode() and FOUR_EYES in refused.content.decode()
    assert AllocationFund.objects.get(pk=calculated_by_staff.pk).status == FundStatus.CALCULATED


def test_whoever_moved_money_cannot_approve_over_http(staff_client, second_staff_client, calculated_by_staff):
    leeds, ridings = calculated_by_staff.funder_allocations.order_by("local_funder__organisation__name")
    second_staff_client.post(
        reverse("funding:allocation-fund-adjust", args=[calculated_by_staff.slug]),
        {"from_allocation": ridings.pk, "to_allocation": leeds.pk, "amount": "1000", "reason": "More in Leeds"},
    )
    assert calculated_by_staff.adjustments.count() == 1

    refused = second_staff_client.post(
        reverse("funding:allocation-fund-approve", args=[calculated_by_staff.slug]), {"reason": "Go"}
    )
    assert FOUR_EYES in refused.content.decode()
    assert AllocationFund.objects.get(pk=calculated_by_staff.pk).status == FundStatus.CALCULATED


def test_another_member_of_staff_sees_the_button_and_approves(second_staff_client, second_staff_user,
                                                               calculated_by_staff):  # fmt: skip
    approve_url = reverse("funding:allocation-fund-approve", args=[calculated_by_staff.slug])
    page = second_staff_client.get(reverse("funding:allocation-fund", args=[calculated_by_staff.slug]))
    assert f'href="{approve_url}"' in page.content.decode() and 'id="approve-refusal"' not in page.content.decode()
    assert 'id="main-form"' in second_staff_client.get(approve_url).content.decode()

    response = second_staff_client.post(approve_url, {"reason": "Checked the figures"})

    assert response.status_code == 302
    fund = AllocationFund.objects.get(pk=calculated_by_staff.pk)
    assert (fund.status, fund.approved_by) == (FundStatus.APPROVED, second_staff_user)


def _queries(client, url) -> int:
    """How many queries a page takes once warm; the tests then pin that number as rows are added."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize(
    "name", ["funding:allocation-funds", "funding:allocation-local-funders", "funding:allocation-datasets"]
)
def test_list_pages_query_counts_do_not_grow_with_rows(staff_client, name, django_assert_num_queries):
    AllocationFundFactory()
    LocalFunderFactory(areas=["E08000035"])
    queries = _queries(staff_client, reverse(name))
    programme = Programme.objects.get(slug="small-grants-fund")
    AllocationFundFactory.create_batch(5, programme=programme)
    LocalFunderFactory(areas=["E08000032", "E08000036"])
    with django_assert_num_queries(queries):
        staff_client.get(reverse(name))


def test_the_fund_page_query_count_does_not_grow_with_local_funders(staff_client, django_assert_num_queries):
    staff = UserFactory(roles=[Role.DEPARTMENT_STAFF])
    LocalFunderFactory(areas=["E08000035"])
    ridings = LocalFunderFactory(areas=["E08000032", "E08000036"])
    small = services.calculate(fund=AllocationFundFactory(), by=staff)
    queries = _queries(staff_client, reverse("funding:allocation-fund", args=[small.slug]))
    services.register_local_funder(
        organisation=ridings.organisation, areas=[area("E08000032")], capacity=None, by=staff, reason="Split"
    )
    LocalFunderFactory(areas=["E08000036"])
    programme = Programme.objects.get(slug="small-grants-fund")
    bigger = services.calculate(fund=AllocationFundFactory(programme=programme), by=staff)
    assert bigger.funder_allocations.count() == 3
    with django_assert_num_queries(queries):
        staff_client.get(reverse("funding:allocation-fund", args=[bigger.slug]))


@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_api_follows_the_pages(clients_by_role, calculated, role):
    funds = clients_by_role[role].get(reverse("funding_api:allocation-fund-list"))
    rows = clients_by_role[role].get(reverse("funding_api:allocation-funder-list"))
    if role in OVERSIGHT:
        assert funds.status_code == 200 and funds.json()["results"][0]["slug"] == calculated.slug
        assert len(rows.json()["results"]) == 2
    elif role == "public":
        assert funds.status_code in (401, 403) and rows.status_code in (401, 403)
    else:
        assert funds.status_code == 403
        assert rows.json()["results"] == []


def test_the_api_list_query_count_does_not_grow(staff_client, calculated, django_assert_num_queries):
    url = reverse("funding_api:allocation-funder-list")
    queries = _queries(staff_client, url)
    LocalFunderFactory(areas=[])
    services.calculate(
        fund=AllocationFundFactory(programme=calculated.programme), by=UserFactory(roles=[Role.DEPARTMENT_STAFF])
    )
    with django_assert_num_queries(queries):
        staff_client.get(url)


def test_the_fund_page_offers_recalculating_only_until_money_is_moved(staff_client, calculated):
    page = reverse("funding:allocation-fund", args=[calculated.slug])
    assert "Recalculate" in staff_client.get(page).content.decode()
    first, second = calculated.funder_allocations.order_by("pk")[:2]
    services.adjust(
        fund=calculated, from_allocation=first, to_allocation=second, amount=Decimal("1"), reason="Local need",
        by=UserFactory(roles=[Role.DEPARTMENT_STAFF]),
    )  # fmt: skip
    assert "Recalculate" not in staff_client.get(page).content.decode()
