"""The filters above the staff lists and the published awards."""

from django import forms

from thirdsector.core.forms import GovukForm
from thirdsector.core.widgets import QuickSelect
from thirdsector.register.forms import AreaChoiceField
from thirdsector.register.selectors import area_choices, area_filter_choices

from ..financial_years import financial_year_label
from ..models import ApplicationStatus, AwardStatus, PaymentStatus, Programme, ProgrammeBudget, Round
from ..selectors.lists import COMMITTED, DUE, ListFilters


class _ProgrammeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, programme: Programme) -> str:
        return programme.name


class _RoundChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, round_: Round) -> str:
        return f"{round_.programme.name}: {round_.name}"


def financial_year_choices() -> list[tuple[int, str]]:
    """The financial years any programme has a budget for, newest first."""
    years = ProgrammeBudget.objects.order_by("-financial_year").values_list("financial_year", flat=True).distinct()
    return [(year, financial_year_label(year)) for year in years]


class ListFilterForm(GovukForm):
    """Filters for one list; `kind` says which (applications, awards, payments or published)."""

    programme = _ProgrammeChoiceField(
        label="Programme", required=False, queryset=Programme.objects.none(), empty_label="Any programme"
    )
    round = _RoundChoiceField(label="Round", required=False, queryset=Round.objects.none(), empty_label="Any round")
    status = forms.ChoiceField(label="Status", required=False)
    financial_year = forms.TypedChoiceField(label="Financial year", required=False, coerce=int, empty_value=None)
    organisation = forms.CharField(label="Organisation name contains", required=False, max_length=100)
    amount_from = forms.DecimalField(label="Amount from (£)", required=False, min_value=0, decimal_places=2)
    amount_to = forms.DecimalField(label="Amount to (£)", required=False, min_value=0, decimal_places=2)
    short_only = forms.BooleanField(label="Short awards only", required=False)
    due_from = forms.DateField(label="Due on or after", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    due_to = forms.DateField(label="Due on or before", required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, kind: str, programmes=None, **kwargs):
        super().__init__(*args, **kwargs)
        programmes = programmes if programmes is not None else Programme.objects.all()
        self.fields["programme"].queryset = programmes
        self.fields["round"].queryset = Round.objects.filter(programme__in=programmes).select_related("programme")
        self.fields["financial_year"].choices = [("", "Any year"), *financial_year_choices()]
        self.fields["area"] = AreaChoiceField(
            label="Region or local authority of the organisation",
            required=False,
            queryset=area_choices(),
            empty_label="Anywhere",
            widget=QuickSelect,
        )
        # As in the register's search: the 400 areas come from memory, the queryset checks the choice.
        self.fields["area"].widget.choices = (("", "Anywhere"), *area_filter_choices())
        self.order_fields(["programme", "round", "status", "financial_year", "area", "organisation"])
        statuses = {
            "applications": [("", "Any status"), *ApplicationStatus.choices],
            "awards": [("", "Any status"), (COMMITTED, "Holding budget (approved, offered, accepted or closed)"),
                       *AwardStatus.choices],
            "payments": [("", "Any status"), (DUE, "Due (scheduled, awaiting approval or approved)"),
                         *PaymentStatus.choices],
        }  # fmt: skip
        if kind in statuses:
            self.fields["status"].choices = statuses[kind]
        else:
            del self.fields["status"]
        if kind == "applications":
            self.fields["financial_year"].label = "Work starting in financial year"
            self.fields["amount_from"].label = "Amount requested from (£)"
            self.fields["amount_to"].label = "Amount requested to (£)"
        if kind not in ("awards",):
            del self.fields["short_only"]
        if kind in ("payments", "published"):
            del self.fields["round"]
        if kind != "payments":
            del self.fields["due_from"]
            del self.fields["due_to"]
        if kind == "published":
            del self.fields["amount_from"]
            del self.fields["amount_to"]
            self.fields["area"].label = "Region or local authority"
        for name in ("programme", "round", "status", "financial_year", "area"):
            if name in self.fields:
                label = self.fields[name].label.lower()
                self.fields[name].error_messages["invalid_choice"] = f"Choose a {label} from the list"

    def clean(self):
        data = super().clean()
        low, high = data.get("amount_from"), data.get("amount_to")
        if low is not None and high is not None and low > high:
            self.add_error("amount_to", "The amount to must be the same as or more than the amount from")
        early, late = data.get("due_from"), data.get("due_to")
        if early and late and early > late:
            self.add_error("due_to", "The second date must be the same as or after the first")
        return data

    def filters(self) -> ListFilters:
        return ListFilters.from_choices(self.cleaned_data)
