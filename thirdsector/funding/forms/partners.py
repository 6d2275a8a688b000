"""Forms for strategic partner status: registering interest, and each step the department takes."""

from django import forms
from django.conf import settings
from django.utils import timezone

from thirdsector.core.forms import ChangeReasonField, GovukForm, GovukModelForm
from thirdsector.register.models import PolicyArea

from ..models.partners import PartnerStatus, StrategicPartner
from ..services.partners import default_review_on

# type="date" inputs send and show ISO dates whatever the site's language.
ISO_DATE = "%Y-%m-%d"


class RegisterInterestForm(GovukModelForm):
    class Meta:
        model = StrategicPartner
        fields = ["policy_areas", "reach_into_small_groups", "reach_into_bme_groups", "capacity", "evidence"]
        labels = {
            "policy_areas": "Which policy areas can your organisation inform?",
            "reach_into_small_groups": "How do you reach small and community groups?",
            "reach_into_bme_groups": "How do you reach and represent black and minority ethnic groups?",
            "capacity": "What capacity do you have to work with the department?",
            "evidence": "What evidence can you give for your answers?",
        }
        help_texts = {
            "policy_areas": "Choose all that apply",
            "reach_into_small_groups": "For example, how many local groups are members, and how you hear from them",
            "reach_into_bme_groups": "For example, who leads your organisation, and the groups you work with",
            "capacity": "For example, staff or volunteers who can respond to consultations and attend meetings",
            "evidence": "For example, your annual report, membership figures or network reports",
        }
        widgets = {
            "policy_areas": forms.CheckboxSelectMultiple,
            "reach_into_small_groups": forms.Textarea(attrs={"rows": 5}),
            "reach_into_bme_groups": forms.Textarea(attrs={"rows": 5}),
            "capacity": forms.Textarea(attrs={"rows": 5}),
            "evidence": forms.Textarea(attrs={"rows": 5}),
        }
        error_messages = {
            "policy_areas": {"required": "Choose at least one policy area your organisation can inform"},
            "reach_into_small_groups": {"required": "Enter how you reach small and community groups"},
            "reach_into_bme_groups": {"required": "Enter how you reach and represent black and minority ethnic groups"},
            "capacity": {"required": "Enter the capacity you have to work with the department"},
            "evidence": {"required": "Enter the evidence for your answers"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["policy_areas"].queryset = PolicyArea.objects.order_by("name")


class StepReasonForm(GovukForm):
    """Starting a review, withdrawing status or interest: the reason is kept in the record's history."""

    reason = ChangeReasonField(
        label="Reason",
        help_text="This is kept in the record's history and the organisation can see it.",
        error_messages={"required": "Enter the reason"},
    )


class GrantForm(GovukForm):
    granted_from = forms.DateField(
        label="Status starts on",
        input_formats=[ISO_DATE, "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format=ISO_DATE),
        error_messages={
            "required": "Enter the date status starts",
            "invalid": "Enter the date status starts as a real date",
        },
    )
    review_on = forms.DateField(
        label="Review date",
        input_formats=[ISO_DATE, "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format=ISO_DATE),
        error_messages={"required": "Enter the review date", "invalid": "Enter the review date as a real date"},
    )
    reason = ChangeReasonField(
        label="Reason",
        help_text="This is kept in the record's history and the organisation can see it.",
        error_messages={"required": "Enter the reason for granting status"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        years = settings.FUNDING_PARTNER_STATUS_YEARS
        self.fields["granted_from"].initial = today
        self.fields["review_on"].initial = default_review_on(today)
        self.fields[
            "review_on"
        ].help_text = f"Status lapses after this date. The usual period is {years} year{'s' if years != 1 else ''}."

    def clean(self):
        cleaned = super().clean()
        granted_from, review_on = cleaned.get("granted_from"), cleaned.get("review_on")
        if granted_from and review_on and review_on <= granted_from:
            self.add_error("review_on", "The review date must be after the date status starts")
        return cleaned


class DeclineForm(GovukForm):
    reasons = forms.CharField(
        label="Reasons for declining",
        help_text="The organisation sees these reasons. Say which criteria were not met and what would help.",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        error_messages={"required": "Enter the reasons for declining, so the organisation can act on them"},
    )


class PartnerFilterForm(GovukForm):
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Any status"), *PartnerStatus.choices],
        error_messages={"invalid_choice": "Choose a status from the list"},
    )
