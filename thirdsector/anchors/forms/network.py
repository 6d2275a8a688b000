"""The network's filters, shared by the list, the map and their downloads."""

from django import forms
from django.utils import timezone

from thirdsector.core.forms import GovukForm
from thirdsector.register.models import Area, AreaType, Characteristic

from ..selectors.network import NetworkFilters, latest_accepted_year, regions

YES_NO = [("", "Any"), ("yes", "Yes"), ("no", "No")]
# How many financial years the year filter offers, back from the latest with an accepted return (default 10,
# as the returns the benchmark holds).
YEARS_OFFERED = 10


def financial_year_now() -> int:
    today = timezone.localdate()
    return today.year if today.month >= 4 else today.year - 1


def latest_year() -> int:
    """The latest year with an accepted return, or the last financial year while there is none."""
    return latest_accepted_year() or financial_year_now() - 1


class NetworkFilterForm(GovukForm):
    year = forms.TypedChoiceField(label="Financial year", coerce=int, required=False)
    region = forms.ModelChoiceField(queryset=regions(), required=False, empty_label="All regions")
    local_authority = forms.ModelChoiceField(
        queryset=Area.objects.filter(is_current=True, organisations_based__anchor__isnull=False)
        .exclude(area_type=AreaType.REGION)
        .distinct()
        .order_by("name"),
        required=False,
        empty_label="All local authorities",
        label="Local authority",
    )
    sustainable = forms.ChoiceField(label="Sustainable in the year", choices=YES_NO, required=False)
    owns_building = forms.ChoiceField(label="Owns or manages a building", choices=YES_NO, required=False)
    characteristic = forms.ModelChoiceField(
        queryset=Characteristic.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label="Any",
        label="Led by or for",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        latest = latest_year()
        years = range(latest, latest - YEARS_OFFERED, -1)
        self.fields["year"].choices = [(year, f"{year} to {year + 1}") for year in years]
        self.fields["year"].initial = latest
        self.latest = latest

    def selects(self) -> list[tuple]:
        """Each filter with its options read once (a for loop over a model field's choices counts them first)."""
        return [(self[name], [choice for choice in field.choices]) for name, field in self.fields.items()]  # noqa: C416 - list() would count the rows first

    def filters(self) -> NetworkFilters:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        flag = {"yes": True, "no": False}
        return NetworkFilters(
            year=data.get("year") or self.latest,
            region=data["region"].pk if data.get("region") else None,
            local_authority=data["local_authority"].pk if data.get("local_authority") else None,
            sustainable=flag.get(data.get("sustainable") or ""),
            owns_building=flag.get(data.get("owns_building") or ""),
            characteristic=data["characteristic"].slug if data.get("characteristic") else None,
        )
