"""The funding scale data: the same rows every time, budgets that hold what the awards commit, and a
command that writes them once."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Sum

from thirdsector.funding.models import (
    COMMITTED_STATUSES,
    Application,
    ApplicationStatus,
    Award,
    AwardStatus,
    AwardYear,
    Payment,
    Programme,
    ProgrammeBudget,
    Round,
)
from thirdsector.funding.scale_data import (
    BIGGEST_PROGRAMME_SLUG,
    FundingScaleDataError,
    funding_scale_awards_present,
    load_funding_scale_data,
)
from thirdsector.register.scale_data import load_scale_organisations

pytestmark = pytest.mark.django_db

SMALL = {"awards": 400, "applications": 120, "payments": 150}


@pytest.fixture
def scale_organisations():
    load_scale_organisations(count=150)


def test_it_loads_programmes_rounds_awards_applications_and_payments(scale_organisations):
    loaded = load_funding_scale_data(**SMALL)
    assert (loaded.programmes, loaded.awards, loaded.applications, loaded.payments) == (3, 400, 120, 150)
    assert Programme.objects.filter(status="closed").count() == 1
    assert Programme.objects.get(slug="scale-strategic-partners").replaces.slug == "scale-special-grants"
    assert Award.objects.count() == 400
    assert AwardYear.objects.count() == loaded.award_years
    assert Application.objects.count() == 120
    assert Payment.objects.count() == 150
    assert Round.objects.filter(is_published=False).count() == 1
    biggest = Programme.objects.get(slug=BIGGEST_PROGRAMME_SLUG)
    assert biggest.awards.count() > Award.objects.exclude(programme=biggest).count()


def test_every_status_is_there_for_the_dashboard(scale_organisations):
    load_funding_scale_data(**SMALL)
    assert set(Application.objects.values_list("status", flat=True)) == set(ApplicationStatus.values)
    assert set(Award.objects.values_list("status", flat=True)) == set(AwardStatus.values)
    assert {"paid", "scheduled"} <= set(Payment.objects.values_list("status", flat=True))


def test_budgets_hold_exactly_what_the_committed_awards_commit(scale_organisations):
    load_funding_scale_data(**SMALL)
    sums = {
        (row["programme_id"], row["financial_year"]): row["total"]
        for row in AwardYear.objects.filter(award__status__in=COMMITTED_STATUSES)
        .values("programme_id", "financial_year")
        .annotate(total=Sum("amount"))
    }
    budgets = list(ProgrammeBudget.objects.all())
    assert budgets
    for budget in budgets:
        assert budget.committed == sums.get((budget.programme_id, budget.financial_year), 0)
        assert budget.committed <= budget.amount


def test_yearly_amounts_add_up_to_each_award(scale_organisations):
    load_funding_scale_data(**SMALL)
    totals = dict(AwardYear.objects.values("award_id").annotate(total=Sum("amount")).values_list("award_id", "total"))
    for award_id, amount in Award.objects.values_list("pk", "amount"):
        assert totals[award_id] == amount


def test_approved_applications_lead_to_awards_to_the_same_organisation(scale_organisations):
    load_funding_scale_data(**SMALL)
    linked = Award.objects.filter(application__isnull=False).select_related("application")
    assert linked.exists()
    for award in linked:
        assert award.application.status == ApplicationStatus.APPROVED
        assert award.application.organisation_id == award.organisation_id


def test_published_awards_are_the_accepted_and_closed_ones(scale_organisations):
    load_funding_scale_data(**SMALL)
    published = set(Award.objects.filter(published_on__isnull=False).values_list("status", flat=True))
    assert published == {AwardStatus.ACCEPTED, AwardStatus.CLOSED}


def test_it_writes_the_same_rows_every_time(scale_organisations):
    load_funding_scale_data(**SMALL)
    first = list(Award.objects.order_by("reference").values_list("reference", "organisation__name", "amount", "status"))
    Payment.objects.all().delete()
    Award.objects.all().delete()
    Application.objects.all().delete()
    ProgrammeBudget.objects.all().delete()
    Programme.objects.update(replaces=None)
    for model in (Round, Programme):
        model.objects.all().delete()
    load_funding_scale_data(**SMALL)
    again = list(Award.objects.order_by("reference").values_list("reference", "organisation__name", "amount", "status"))
    assert again == first


def test_it_needs_the_registers_scale_organisations(db):
    with pytest.raises(FundingScaleDataError, match="run `manage.py generate_scale_data` first"):
        load_funding_scale_data(**SMALL)


def test_the_command_writes_once_and_then_says_it_is_there(scale_organisations):
    out = StringIO()
    call_command("generate_funding_scale_data", stdout=out, **SMALL)
    assert "400 awards" in out.getvalue()
    out = StringIO()
    call_command("generate_funding_scale_data", stdout=out, **SMALL)
    assert out.getvalue().strip() == "Funding scale data already loaded: 400 awards"
    assert funding_scale_awards_present() == 400


def test_the_command_refuses_other_numbers_once_loaded(scale_organisations):
    call_command("generate_funding_scale_data", stdout=StringIO(), **SMALL)
    with pytest.raises(CommandError, match="use a new database"):
        call_command("generate_funding_scale_data", stdout=StringIO(), awards=500, applications=10, payments=10)
