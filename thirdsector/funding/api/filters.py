"""The query-string filters of the funding API's lists, with the meanings the staff lists give them."""

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django_filters import rest_framework as filters

from ..financial_years import financial_year_end
from ..models import Application, ApplicationStatus, Award, AwardStatus, AwardYear, Programme, Round

FINANCIAL_YEAR_HELP = "A financial year, by the calendar year it starts in: 2026 is April 2026 to March 2027"


class RoundFilter(filters.FilterSet):
    programme = filters.CharFilter(field_name="programme__slug", help_text="The programme's slug")
    open = filters.BooleanFilter(method="filter_open", help_text="true for rounds taking applications today")

    class Meta:
        model = Round
        fields = ["programme", "open"]

    def filter_open(self, queryset, name, value):
        today = timezone.localdate()
        is_open = Q(is_published=True, opens_on__lte=today, closes_on__gte=today)
        return queryset.filter(is_open) if value else queryset.exclude(is_open)


def _rounds_of_programme(queryset, name, value):
    """The programme's rounds looked up first (a handful), so the list reads `round_id IN (...)`."""
    rounds = list(Round.objects.filter(programme__slug=value).values_list("pk", flat=True))
    return queryset.filter(round_id__in=rounds) if rounds else queryset.none()


class ApplicationFilter(filters.FilterSet):
    programme = filters.CharFilter(method=_rounds_of_programme, help_text="The programme's slug")
    round = filters.NumberFilter(field_name="round_id", help_text="The round's id")
    status = filters.ChoiceFilter(choices=ApplicationStatus.choices)
    organisation = filters.NumberFilter(field_name="organisation_id", help_text="The organisation's id on the register")

    class Meta:
        model = Application
        fields = ["programme", "round", "status", "organisation"]


def _programme_by_slug(queryset, name, value):
    """The programme's id looked up first, so the planner sees `programme_id = 1` and can use the
    (programme, status, -starts_on, -id) index rather than guess through a join on the slug."""
    programme_id = Programme.objects.filter(slug=value).values_list("pk", flat=True).first()
    return queryset.filter(programme_id=programme_id) if programme_id else queryset.none()


class AwardFilter(filters.FilterSet):
    programme = filters.CharFilter(method=_programme_by_slug, help_text="The programme's slug")
    round = filters.NumberFilter(field_name="round_id", help_text="The round's id")
    status = filters.ChoiceFilter(
        choices=AwardStatus.choices, help_text="Everyone else sees published awards only, whatever their status"
    )
    financial_year = filters.NumberFilter(
        method="filter_financial_year", help_text=f"Awards with money in this year. {FINANCIAL_YEAR_HELP}"
    )
    organisation = filters.NumberFilter(field_name="organisation_id", help_text="The organisation's id on the register")

    class Meta:
        model = Award
        fields = ["programme", "round", "status", "financial_year", "organisation"]

    def filter_financial_year(self, queryset, name, value):
        year = int(value)
        in_year = AwardYear.objects.filter(award=OuterRef("pk"), financial_year=year)
        # An award has no money in years before it starts. Saying so lets PostgreSQL start reading the
        # award list's index (programme, status, -starts_on, -id) at the year's end instead of walking
        # every newer award first. (A bound on ends_on too would tempt it onto award_status_ends_idx and
        # a sort of tens of thousands of rows: see docs/benchmarks.md.)
        return queryset.filter(Exists(in_year), starts_on__lte=financial_year_end(year))
