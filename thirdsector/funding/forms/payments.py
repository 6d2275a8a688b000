"""Forms for the payment pages: the queue's filters, a step with its reason, and recording a payment made."""

from django import forms
from django.utils import timezone

from thirdsector.core.forms import ChangeReasonField, GovukForm

from ..selectors.payments import NEEDS_ACTION, QUEUE_VIEWS, PaymentFilters
from ..selectors.programmes import programmes_run_by

# type="date" inputs send and show ISO dates whatever the site's language.
ISO_DATE = "%Y-%m-%d"


class PaymentQueueForm(GovukForm):
    programme = forms.ModelChoiceField(
        label="Programme", required=False, queryset=None, empty_label="Every programme you run"
    )
    status = forms.ChoiceField(label="Status", required=False, choices=QUEUE_VIEWS)
    due_before = forms.DateField(
        label="Due on or before",
        required=False,
        help_text="Leave empty for the default window",
        widget=forms.DateInput(attrs={"type": "date"}, format=ISO_DATE),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes_run_by(user)

    def filters(self) -> PaymentFilters:
        if not self.is_bound:
            return PaymentFilters()
        data = self.cleaned_data
        return PaymentFilters(
            programme=data["programme"], status=data["status"] or NEEDS_ACTION, due_before=data["due_before"]
        )


class PaymentStepForm(GovukForm):
    """One form for every step on a payment: the button pressed names the step, the reason is audited."""

    reason = ChangeReasonField(
        label="Reason or note",
        help_text="Kept in the payment's history, for example the invoice checked or why it is cancelled",
        max_length=200,
    )


class MarkPaidForm(GovukForm):
    paid_on = forms.DateField(
        label="Date paid",
        help_text="The date the money left the department's account",
        widget=forms.DateInput(attrs={"type": "date"}, format=ISO_DATE),
        error_messages={"required": "Enter the date the payment was made", "invalid": "Enter a real date"},
    )
    payment_reference = forms.CharField(
        label="Finance system reference",
        max_length=40,
        help_text="For example, the BACS or remittance reference",
        error_messages={"required": "Enter the finance system's reference"},
    )

    def clean_paid_on(self):
        paid_on = self.cleaned_data["paid_on"]
        if paid_on > timezone.localdate():
            raise forms.ValidationError("The date paid must be today or in the past")
        return paid_on
