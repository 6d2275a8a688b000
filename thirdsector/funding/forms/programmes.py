"""Forms for setting up a programme: its details, budgets, eligibility rules, criteria and rounds."""

from django import forms

from thirdsector.core.forms import ChangeReasonField, GovukForm, GovukModelForm
from thirdsector.register.models import PUBLIC_BODY_KINDS, Organisation, OrganisationKind
from thirdsector.register.selectors import area_choices, area_label

from ..financial_years import financial_year_label
from ..models import Criterion, EligibilityRules, Programme, Round
from ..services.programmes import ELIGIBILITY_FIELDS, PROGRAMME_FIELDS, ROUND_FIELDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# Bodies that may administer a programme: public bodies and local funders (such as a lottery distributor).
ADMINISTERING_KINDS = (*PUBLIC_BODY_KINDS, OrganisationKind.LOCAL_FUNDER)


class _OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, organisation: Organisation) -> str:
        return organisation.name


class _AreasField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, area) -> str:
        return area_label(area.name, area.area_type)


class _ProgrammeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, programme: Programme) -> str:
        return f"{programme.name} ({programme.get_status_display().lower()})"


class ProgrammeForm(GovukModelForm):
    reason = ChangeReasonField()

    class Meta:
        model = Programme
        fields = PROGRAMME_FIELDS
        widgets = {"purpose": forms.Textarea(attrs={"rows": 4})}
        labels = {
            "slug": "Short name for web addresses",
            "owning_team": "Owning team",
            "replaces": "Replaces",
            "default_grant_months": "Default grant length in months",
            "notice_months": "Months of notice before funding ends",
            "return_interval_months": "Months between monitoring returns",
            "return_due_days": "Days to send a return after its period ends",
        }
        error_messages = {
            "name": {"required": "Enter the programme's name", "unique": "A programme with this name already exists"},
            "slug": {"required": "Enter a short name for web addresses", "unique": "This short name is already used"},
            "code": {"required": "Enter the programme's code", "unique": "This code is already used"},
            "purpose": {"required": "Say what the programme is for"},
            "owning_team": {"required": "Enter the team that owns the programme"},
            "administering_body": {"required": "Choose the body that administers the programme"},
        }

    def __init__(self, *args, bodies=None, **kwargs):
        super().__init__(*args, **kwargs)
        if bodies is None:
            bodies = Organisation.objects.filter(kind__in=ADMINISTERING_KINDS)
            if self.instance.pk:
                bodies = bodies | Organisation.objects.filter(pk=self.instance.administering_body_id)
        self.fields["administering_body"] = _OrganisationChoiceField(
            label="Administering body",
            queryset=bodies.order_by("name").distinct(),
            help_text="The department, or an outside body such as a lottery distributor",
            error_messages={"required": "Choose the body that administers the programme"},
        )
        others = Programme.objects.exclude(pk=self.instance.pk) if self.instance.pk else Programme.objects.all()
        self.fields["replaces"] = _ProgrammeChoiceField(
            label="Replaces", queryset=others, required=False, empty_label="No earlier programme"
        )
        self.order_fields([*PROGRAMME_FIELDS, "reason"])

    def clean_code(self):
        return self.cleaned_data["code"].strip().upper()

    def clean_notice_months(self):
        months = self.cleaned_data["notice_months"]
        if months < 3:
            raise forms.ValidationError("The Compact requires at least 3 months' notice before funding ends")
        return months


class BudgetForm(GovukForm):
    financial_year = forms.TypedChoiceField(
        label="Financial year", coerce=int, error_messages={"required": "Choose the financial year"}
    )
    amount = forms.DecimalField(
        label="Budget (£)",
        min_value=0,
        max_digits=14,
        decimal_places=2,
        error_messages={
            "required": "Enter the budget in pounds",
            "invalid": "Enter the budget as a number of pounds, like 1000000",
            "min_value": "The budget cannot be less than £0",
        },
    )
    reason = ChangeReasonField()

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["financial_year"].choices = [("", "Choose a year"), *((y, financial_year_label(y)) for y in years)]
        self.fields["financial_year"].error_messages["invalid_choice"] = "Choose a financial year from the list"


class EligibilityForm(GovukModelForm):
    reason = ChangeReasonField()

    class Meta:
        model = EligibilityRules
        fields = ELIGIBILITY_FIELDS
        labels = {
            "minimum_income": "Minimum annual income (£)",
            "maximum_income": "Annual income must be under (£)",
            "requires_strategic_partner_status": "Only organisations with current strategic partner status",
            "minimum_amount": "Smallest grant (£)",
            "maximum_amount": "Largest grant (£)",
            "minimum_months": "Shortest length in months",
            "maximum_months": "Longest length in months",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        third_sector = [(kind.value, kind.label) for kind in OrganisationKind if kind not in PUBLIC_BODY_KINDS]
        self.fields["organisation_kinds"] = forms.MultipleChoiceField(
            label="Kinds of organisation that may apply",
            choices=third_sector,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            help_text="Choose none to accept any third sector organisation",
        )
        self.fields["areas"] = _AreasField(
            label="Areas",
            queryset=area_choices(),
            required=False,
            help_text=(
                "The organisation must be based in or serve one of these (or a place within one). "
                "Hold Ctrl (or Cmd) to choose more than one"
            ),
            widget=forms.SelectMultiple(attrs={"class": "govuk-select", "size": 8}),
        )
        if self.instance.pk:
            self.initial["areas"] = list(self.instance.areas.values_list("pk", flat=True))
        for name in ("minimum_income", "maximum_income", "minimum_amount", "maximum_amount"):
            self.fields[name].min_value = 0
            self.fields[name].validators.append(_not_negative)
            self.fields[name].error_messages["invalid"] = "Enter an amount in pounds, like 30000"
        self.order_fields(
            [
                "organisation_kinds",
                "minimum_income",
                "maximum_income",
                "areas",
                "requires_strategic_partner_status",
                "minimum_amount",
                "maximum_amount",
                "minimum_months",
                "maximum_months",
                "reason",
            ]
        )


def _not_negative(value) -> None:
    if value is not None and value < 0:
        raise forms.ValidationError("Enter an amount of £0 or more")


class CriterionForm(GovukModelForm):
    reason = ChangeReasonField()

    class Meta:
        model = Criterion
        fields = ("name", "guidance", "weight", "maximum_score", "position")
        labels = {"maximum_score": "Maximum score", "position": "Order"}
        widgets = {"guidance": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"position": "Criteria are shown to assessors in this order, lowest first"}
        error_messages = {
            "name": {"required": "Enter the criterion's name"},
            "guidance": {"required": "Say what each score means"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["weight"].min_value = 1
        self.fields["weight"].validators.append(_at_least_one)
        self.fields["maximum_score"].validators.append(_at_least_one)
        self.fields["position"].required = False


def _at_least_one(value) -> None:
    if value is not None and value < 1:
        raise forms.ValidationError("Enter a number of 1 or more")


class RoundForm(GovukModelForm):
    reason = ChangeReasonField()

    class Meta:
        model = Round
        fields = ROUND_FIELDS
        labels = {
            "opens_on": "Opens on",
            "closes_on": "Closes on",
            "budget": "Budget (£)",
            "is_published": "Published: shown on the public list of open rounds",
        }
        widgets = {"opens_on": DATE, "closes_on": DATE, "guidance": forms.Textarea(attrs={"rows": 4})}
        error_messages = {
            "name": {"required": "Enter the round's name"},
            "opens_on": {"required": "Enter the date the round opens", "invalid": "Enter a real date"},
            "closes_on": {"required": "Enter the date the round closes", "invalid": "Enter a real date"},
            "budget": {"required": "Enter the round's budget in pounds"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["budget"].validators.append(_not_negative)

    def clean(self):
        data = super().clean()
        opens_on, closes_on = data.get("opens_on"), data.get("closes_on")
        if opens_on and closes_on and closes_on < opens_on:
            self.add_error("closes_on", "The closing date must be on or after the opening date")
        return data


class ReasonForm(GovukForm):
    reason = ChangeReasonField()
