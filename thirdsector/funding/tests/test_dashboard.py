"""The programme dashboard: its figures, where each links, and a query count that does not grow."""

import datetime
from decimal import Decimal
from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse
from django.utils import timezone

from thirdsector.funding.financial_years import financial_year_of
from thirdsector.funding.models import ProgrammeBudget
from thirdsector.funding.selectors.programmes import programme_dashboard

from .factories import ApplicationFactory, AwardFactory, PaymentFactory, ProgrammeFactory, RoundFactory

pytestmark = pytest.mark.django_db


def _today():
    return timezone.localdate()


def _fill(programme, open_round, n: int):
    """n of each thing the dashboard counts, plus one of each in another programme that must not count."""
    today = _today()
    for _ in range(n):
        ApplicationFactory(round=open_round, status="submitted")
        award = AwardFactory(programme=programme, status="accepted", is_short=True, months=12)
        PaymentFactory(award=award, due_on=today + datetime.timedelta(days=5), amount=Decimal("100"))
        PaymentFactory(award=award, due_on=today, amount=Decimal("50"), status="held")
        # Due after the window: not counted.
        PaymentFactory(award=award, due_on=today + datetime.timedelta(days=31), amount=Decimal("7"))
    other = ProgrammeFactory()
    ApplicationFactory(round=RoundFactory(programme=other), status="submitted")
    other_award = AwardFactory(programme=other, status="accepted", is_short=True)
    PaymentFactory(award=other_award, due_on=today)


def test_the_dashboard_counts_only_its_programme(programme, open_round):
    _fill(programme, open_round, 3)
    ApplicationFactory(round=open_round)  # a draft
    AwardFactory(programme=programme, status="withdrawn", is_short=True)  # holds no money: not flagged
    dashboard = programme_dashboard(programme, today=_today())
    counts = {row.status: row.count for row in dashboard.applications_by_status}
    assert counts["submitted"] == 3 and counts["draft"] == 1 and counts["approved"] == 0
    assert dashboard.applications_total == 4
    assert (dashboard.payments_due.count, dashboard.payments_due.total) == (3, Decimal("300"))
    assert (dashboard.payments_held.count, dashboard.payments_held.total) == (3, Decimal("150"))
    assert dashboard.short_awards == 3


def test_committed_comes_from_the_stored_figure_not_a_sum_of_awards(programme):
    year = financial_year_of(_today())
    ProgrammeBudget.objects.filter(programme=programme, financial_year=year).update(committed=Decimal("250000"))
    AwardFactory(programme=programme, status="accepted")  # never committed through services.budgets
    dashboard = programme_dashboard(programme, today=_today())
    budget = next(b for b in dashboard.budgets if b.financial_year == year)
    assert budget.committed == Decimal("250000")
    assert budget.remaining == Decimal("750000")
    assert budget.percent_committed == Decimal("25.0")


def test_the_page_shows_the_figures_with_links_to_their_lists(staff_client, programme, open_round):
    _fill(programme, open_round, 2)
    year = financial_year_of(_today())
    ProgrammeBudget.objects.filter(programme=programme, financial_year=year).update(committed=Decimal("250000"))
    response = staff_client.get(reverse("funding:programme", args=[programme.slug]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "£1,000,000.00" in page and "£250,000.00" in page and "£750,000.00" in page and "25.0%" in page
    assert "2 payments, £200.00" in page
    assert "2 payments, £100.00" in page
    assert open_round.name in page and "Published" in page
    links = response.context["status_rows"]
    submitted = next(item["url"] for item in links if item["row"].status == "submitted")
    query = parse_qs(urlparse(submitted).query)
    assert query == {"programme": [str(programme.pk)], "status": ["submitted"]}
    # Following each link gives exactly the rows counted.
    listed = staff_client.get(submitted).context["page_obj"]
    assert listed.paginator.count == 2
    due = staff_client.get(response.context["due_url"]).context["page_obj"]
    assert due.paginator.count == 2
    held = staff_client.get(response.context["held_url"]).context["page_obj"]
    assert held.paginator.count == 2
    short = staff_client.get(response.context["short_url"]).context["page_obj"]
    assert short.paginator.count == 2
    committed = staff_client.get(response.context["budget_rows"][0]["url"]).context["page_obj"]
    assert committed.paginator.count == 2


def test_the_dashboard_names_the_due_window_setting(staff_client, programme, settings):
    settings.FUNDING_PAYMENTS_DUE_WITHIN_DAYS = 14
    page = staff_client.get(reverse("funding:programme", args=[programme.slug])).content.decode()
    assert "Payments due in the next 14 days" in page


def test_the_dashboards_query_count_does_not_grow_with_rows(
    staff_client, programme, open_round, django_assert_num_queries
):
    url = reverse("funding:programme", args=[programme.slug])
    _fill(programme, open_round, 1)
    staff_client.get(url)
    # Signing in and the role checks, the programme, then one query per figure: applications by status,
    # budgets, payments due, payments held, short awards, rounds.
    with django_assert_num_queries(12):
        staff_client.get(url)
    _fill(programme, open_round, 4)
    RoundFactory(programme=programme, is_published=False)
    with django_assert_num_queries(12):
        staff_client.get(url)
