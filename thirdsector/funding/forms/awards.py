"""Forms for awards: drafting one from an application, its steps, variations and recoveries."""

from decimal import Decimal

from django import forms

from thirdsector.core.forms import ChangeReasonField, GovukForm

from ..models import PaymentFrequency, RecoveryKind
from ..models.programmes import MONEY

# type="date" inputs send and show ISO dates whatever the site's language.
ISO_DATE = "%Y-%m-%d"


def _money(label: str, **kwargs) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        min_value=Decimal("0.01"),
        max_digits=MONEY["max_digits"],
        decimal_places=MONEY["decimal_places"],
        error_messages={
            "invalid": "Enter the amount in pounds, like 150000 or 150000.50",
            "min_value": "Enter an amount of more than £0",
            "max_decimal_places": "Enter the amount to the nearest penny",
            **kwargs.pop("error_messages", {}),
        },
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input govuk-input--width-10"}),
        **kwargs,
    )


def _date(label: str, **kwargs) -> forms.DateField:
    return forms.DateField(
        label=label,
        input_formats=[ISO_DATE],
        widget=forms.DateInput(attrs={"type": "date"}, format=ISO_DATE),
        error_messages={"invalid": "Enter a real date", **kwargs.pop("error_messages", {})},
        **kwargs,
    )


class AwardForm(GovukForm):
    """The award drafted from an approved application; the service checks the Compact's rules."""

    amount = _money("Total amount", error_messages={"required": "Enter the total amount of the grant"})
    starts_on = _date("Start date", error_messages={"required": "Enter the date the grant starts"})
    months = forms.IntegerField(
        label="Length in months",
        min_value=1,
        max_value=120,
        help_text="The Compact's funding code: three years (36 months) by default where the work lasts that long",
        error_messages={
            "required": "Enter how many months the grant lasts",
            "invalid": "Enter the length as a whole number of months, like 36",
            "min_value": "A grant must last at least one month",
            "max_value": "A grant may last at most 120 months",
        },
        widget=forms.NumberInput(attrs={"class": "govuk-input govuk-input--width-3"}),
    )
    short_award_reason = forms.CharField(
        label="Reason for a shorter grant",
        required=False,
        help_text=(
            "Needed only if the grant is shorter than the programme's default; shorter grants are flagged in reports"
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    payment_frequency = forms.ChoiceField(
        label="How the grant is paid",
        choices=PaymentFrequency.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how the grant is paid"},
    )
    conditions = forms.CharField(
        label="Conditions of the grant",
        help_text="These are in the offer letter; the award cannot be offered without them",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Enter the conditions of the grant"},
    )

    def __init__(self, *args, default_months: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.default_months = default_months

    def clean(self):
        cleaned = super().clean()
        months = cleaned.get("months")
        if months is not None and months < self.default_months and not cleaned.get("short_award_reason", "").strip():
            self.add_error(
                "short_award_reason",
                f"Enter the reason for a grant shorter than the programme's {self.default_months} months",
            )
        return cleaned


class AwardStepForm(GovukForm):
    """Taking a step on an award; the reason is kept in its history and shown to the organisation."""

    reason = ChangeReasonField(
        label="Reason",
        max_length=500,
        help_text="This is kept in the award's history, which the organisation can see.",
        error_messages={"required": "Enter the reason"},
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class OfferForm(AwardStepForm):
    conditions = forms.CharField(
        label="Conditions of the grant",
        help_text="Sent to the organisation's administrators with the offer",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Enter the conditions of the grant"},
    )
    field_order = ["conditions", "reason"]


class VariationRequestForm(GovukForm):
    new_amount = _money("New total amount", required=False, help_text="Leave blank to keep the amount as it is")
    new_ends_on = _date("New end date", required=False, help_text="Leave blank to keep the end date as it is")
    reason = forms.CharField(
        label="Why the award needs to change",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter why the award needs to change"},
    )

    def clean(self):
        cleaned = super().clean()
        if not self.errors and cleaned.get("new_amount") is None and cleaned.get("new_ends_on") is None:
            raise forms.ValidationError("Enter a new amount, a new end date, or both")
        return cleaned


class VariationDecisionForm(GovukForm):
    decision = forms.ChoiceField(
        label="Decision",
        choices=[("approve", "Approve the variation"), ("refuse", "Refuse the variation")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to approve or refuse the variation"},
    )
    reason = forms.CharField(
        label="Reasons for the decision",
        help_text="The organisation sees these",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the reasons for the decision"},
    )


class RecoveryForm(GovukForm):
    kind = forms.ChoiceField(
        label="What is coming back",
        choices=RecoveryKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether this is an underspend or a clawback"},
    )
    amount = _money("Amount", error_messages={"required": "Enter the amount coming back"})
    reason = forms.CharField(
        label="Why",
        help_text="For a clawback, name the condition that was broken",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter why the money is coming back"},
    )


class RecoveryReceivedForm(GovukForm):
    received_on = _date("Date received", error_messages={"required": "Enter the date the money was received"})
    reason = ChangeReasonField(label="Note", required=False, help_text="For example, the finance system's reference")
