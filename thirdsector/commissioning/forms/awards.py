"""Forms for awards, decisions and the figures pages; the rules live in the services."""

import datetime

from django import forms
from django.conf import settings

from thirdsector.core.forms import GovukForm
from thirdsector.funding.financial_years import financial_year_label, financial_year_of
from thirdsector.funding.forms.applications import PoundsField
from thirdsector.register.models import PUBLIC_BODY_KINDS, Organisation, OrganisationStatus
from thirdsector.register.size_bands import SizeBand

from ..models import InvolvedAs, InvolvementRole, OpportunityKind
from ..selectors.awards import BME_LED, NO, UNKNOWN_BAND, USER_LED, YES, AwardFilters, long_agreement_months

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
SELECT = {"class": "govuk-select"}


def offered_years() -> list[int]:
    """This financial year and the COMMISSIONING_FIGURES_YEARS_OFFERED - 1 before it, newest first."""
    this_year = financial_year_of(datetime.date.today())
    return list(range(this_year, this_year - settings.COMMISSIONING_FIGURES_YEARS_OFFERED, -1))


def _year_choices() -> list[tuple[int, str]]:
    return [(year, financial_year_label(year)) for year in offered_years()]


def _organisation_by_reference(reference: str) -> Organisation | None:
    """An active organisation by its Org-ID (GB-CHC-1234567) or its register number."""
    reference = reference.strip()
    active = Organisation.objects.filter(status=OrganisationStatus.ACTIVE)
    found = active.filter(identifiers__org_id__iexact=reference).first()
    if found is None and reference.isdigit():
        found = active.filter(pk=int(reference)).first()
    return found


class _OrganisationReferenceField(forms.CharField):
    def clean(self, value):
        value = super().clean(value)
        organisation = _organisation_by_reference(value)
        if organisation is None:
            raise forms.ValidationError(f"No organisation in the register has the Org-ID or number {value}")
        return organisation


class _OrganisationReferencesField(forms.CharField):
    widget = forms.Textarea(attrs={"rows": 3})

    def clean(self, value):
        value = super().clean(value)
        organisations = []
        for reference in value.split():
            organisation = _organisation_by_reference(reference)
            if organisation is None:
                raise forms.ValidationError(f"No organisation in the register has the Org-ID or number {reference}")
            organisations.append(organisation)
        return organisations


class AwardFilterForm(GovukForm):
    """The awards lists' filters; each becomes a field of `AwardFilters`."""

    commissioner = forms.TypedChoiceField(
        label="Commissioner", coerce=int, required=False, widget=forms.Select(attrs=SELECT)
    )
    year = forms.TypedChoiceField(label="Financial year", coerce=int, required=False, widget=forms.Select(attrs=SELECT))
    third_sector = forms.ChoiceField(
        label="Third sector", required=False, choices=[("", "Either"), (YES, "Third sector"), (NO, "Not third sector")]
    )
    size_band = forms.ChoiceField(
        label="Size of organisation",
        required=False,
        choices=[("", "Any size"), *SizeBand.choices, (UNKNOWN_BAND, "Size not known")],
    )
    characteristic = forms.ChoiceField(
        label="Led by", required=False, choices=[("", "Anyone"), (BME_LED, "BME-led"), (USER_LED, "User-led")]
    )
    kind = forms.ChoiceField(
        label="Contract or grant", required=False, choices=[("", "Either"), *OpportunityKind.choices]
    )
    long = forms.ChoiceField(label="Length", required=False)

    def __init__(self, *args, commissioners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commissioner"].choices = [("", "Any commissioner"), *((c.pk, c.name) for c in commissioners)]
        self.fields["year"].choices = [("", "Any year"), *_year_choices()]
        months = long_agreement_months()
        self.fields["long"].choices = [
            ("", "Any length"),
            (YES, f"{months} months or longer"),
            (NO, f"Shorter than {months} months"),
        ]

    def filters(self) -> AwardFilters:
        if not self.is_bound or not self.is_valid():
            return AwardFilters()
        return AwardFilters(**{name: value for name, value in self.cleaned_data.items() if value not in (None, "")})


class AwardForm(GovukForm):
    """An award recorded by hand: one made off the platform or before it."""

    supplier = _OrganisationReferenceField(
        label="Organisation awarded it",
        help_text="Its Org-ID (for example GB-CHC-1234567) or its number in the register. For a consortium, its lead.",
    )
    consortium_members = _OrganisationReferencesField(
        label="Other members of the consortium (optional)",
        required=False,
        help_text="Org-IDs or register numbers, one a line",
    )
    title = forms.CharField(label="What it is for", max_length=200)
    kind = forms.ChoiceField(label="Contract or grant", choices=OpportunityKind.choices, widget=forms.RadioSelect)
    value = PoundsField(label="Total value, in pounds")
    awarded_on = forms.DateField(label="Date awarded", widget=DATE)
    starts_on = forms.DateField(label="Start date", widget=DATE)
    length_months = forms.IntegerField(label="Length, in months", min_value=1, max_value=600)
    publish = forms.BooleanField(
        label="Publish it now", required=False, initial=True, help_text="Published awards show on the public pages"
    )


class _BidChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, bid) -> str:
        return f"{bid.bidder_name}: £{bid.price:,.2f}"


class LotAwardForm(GovukForm):
    """The award of a lot to its winning bid; the value and dates default to the bid's and the opportunity's."""

    bid = _BidChoiceField(queryset=None, label="Winning bid", widget=forms.RadioSelect, empty_label=None)
    value = PoundsField(label="Total value, in pounds")
    awarded_on = forms.DateField(label="Date awarded", widget=DATE)
    starts_on = forms.DateField(label="Start date", widget=DATE)
    reason = forms.CharField(
        label="Why this bid won", widget=forms.Textarea(attrs={"rows": 3}), help_text="Kept in each bid's history"
    )

    def __init__(self, *args, bids, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bid"].queryset = bids


class DecisionForm(GovukForm):
    title = forms.CharField(label="What was decided", max_length=200)
    summary = forms.CharField(
        label="How and why it was decided", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    decided_on = forms.DateField(label="Date of the decision", widget=DATE)
    opportunity = forms.ModelChoiceField(
        queryset=None, label="Opportunity it was about (optional)", required=False, widget=forms.Select(attrs=SELECT)
    )

    def __init__(self, *args, opportunities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opportunity"].queryset = opportunities


class InvolvementForm(GovukForm):
    label = forms.CharField(
        label="Name or label (optional)",
        required=False,
        max_length=120,
        help_text="Leave empty, or use a label such as ‘Panel member A’, to keep them anonymous",
    )
    involved_as = forms.ChoiceField(label="Taking part as", choices=InvolvedAs.choices, widget=forms.RadioSelect)
    role = forms.ChoiceField(label="How they took part", choices=InvolvementRole.choices, widget=forms.RadioSelect)
    view = forms.CharField(
        label="Their view", widget=forms.Textarea(attrs={"rows": 4}), help_text="What they said about the decision"
    )


class FiguresForm(GovukForm):
    """The financial year of the figures and, on the comparison, which figure to compare."""

    year = forms.TypedChoiceField(label="Financial year", coerce=int, widget=forms.Select(attrs=SELECT))
    figure = forms.ChoiceField(label="Figure", required=False, widget=forms.Select(attrs=SELECT))

    def __init__(self, *args, figures: list[tuple[str, str]] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = _year_choices()
        if figures:
            self.fields["figure"].choices = figures
        else:
            del self.fields["figure"]

    def chosen(self) -> tuple[int, str]:
        """The year and figure asked for; by default this financial year and the first figure."""
        year = self.fields["year"].choices[0][0]
        figure = self.fields["figure"].choices[0][0] if "figure" in self.fields else ""
        if self.is_bound and self.is_valid():
            return self.cleaned_data["year"], self.cleaned_data.get("figure") or figure
        return year, figure


def commissioner_choices():
    return Organisation.objects.filter(kind__in=PUBLIC_BODY_KINDS).order_by("name", "id").only("pk", "name")
