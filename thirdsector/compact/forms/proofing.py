"""Forms for the proofing pages: policies, the assessment with its repeated risk rows, sign-off, comments."""

from django import forms

from thirdsector.accounts.access import STAFF_ROLES
from thirdsector.accounts.models import User
from thirdsector.core.forms import GovukForm, GovukModelForm

from ..models import Commitment, CompactBody, Consultation, Policy

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
YES_NO = [("yes", "Yes"), ("no", "No")]


def staff_people():
    return User.objects.filter(role_grants__role__in=STAFF_ROLES, is_active=True).distinct().order_by("full_name")


class PolicyFilterForm(GovukForm):
    body = forms.ModelChoiceField(
        label="Body", queryset=CompactBody.objects.none(), required=False, empty_label="All bodies"
    )
    proofed = forms.ChoiceField(
        label="Proofing",
        required=False,
        choices=[("", "All policies"), ("yes", "Proofed (signed off)"), ("no", "Unproofed")],
    )

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies


class PolicyForm(GovukModelForm):
    class Meta:
        model = Policy
        fields = ["body", "title", "summary", "policy_area", "owner", "decision_date"]
        widgets = {"decision_date": DATE, "summary": forms.Textarea(attrs={"rows": 4})}
        labels = {"body": "Body", "policy_area": "Policy area", "owner": "Policy owner"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = CompactBody.objects.select_related("organisation")
        self.fields["owner"].queryset = staff_people()
        self.fields["decision_date"].error_messages["invalid"] = "Enter the decision date as a real date"


def _yes_no(label: str, help_text: str = "") -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        help_text=help_text,
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )


class AssessmentForm(GovukForm):
    commitments = forms.ModelMultipleChoiceField(
        label="Which Compact commitments apply?",
        queryset=Commitment.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    effect_on_sector = forms.CharField(label="Effect on the third sector", required=False, widget=forms.Textarea)
    effect_on_small_and_bme_groups = forms.CharField(
        label="Effect on small and BME groups", required=False, widget=forms.Textarea
    )
    sector_involvement = forms.CharField(
        label="How the sector was involved",
        help_text="Who was engaged, when, and before options were fixed",
        required=False,
        widget=forms.Textarea,
    )
    consulted = _yes_no("Was the sector consulted?")
    consulted_for_twelve_weeks = _yes_no("Did the written consultation run for at least 12 weeks?")
    consultation = forms.ModelChoiceField(
        label="Consultation on this service",
        help_text="The body's consultation on the policy, if there was one",
        queryset=Consultation.objects.none(),
        required=False,
        empty_label="None",
    )
    consultation_reference = forms.CharField(
        label="Consultation run elsewhere",
        help_text="If it was not run on this service: its title or reference",
        required=False,
        max_length=200,
    )
    funding_terms_compliant = _yes_no(
        "Do the funding terms meet the Funding and Procurement code?",
        "More than one year where the work lasts longer, payment in advance where needed, three months' notice",
    )
    accessible_formats_offered = _yes_no("Were accessible formats offered?", "Large print, Easy Read, Welsh, audio")
    conclusion = forms.CharField(label="Assessor's conclusion", required=False, widget=forms.Textarea)

    def __init__(self, *args, body, **kwargs):
        """`body` is the policy's: its consultations are the ones offered."""
        super().__init__(*args, **kwargs)
        field = self.fields["consultation"]
        field.queryset = Consultation.objects.filter(body=body).order_by("-created_at", "-id")
        field.label_from_instance = lambda consultation: f"{consultation} ({consultation.get_status_display()})"

    def answers(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("commitments")
        return data

    @classmethod
    def initial_from(cls, assessment) -> dict:
        def yes_no(value):
            return None if value is None else ("yes" if value else "no")

        return {
            "commitments": [commitment.pk for commitment in assessment.commitments.all()],
            "effect_on_sector": assessment.effect_on_sector,
            "effect_on_small_and_bme_groups": assessment.effect_on_small_and_bme_groups,
            "sector_involvement": assessment.sector_involvement,
            "consulted": yes_no(assessment.consulted),
            "consulted_for_twelve_weeks": yes_no(assessment.consulted_for_twelve_weeks),
            "consultation": assessment.consultation_id,
            "consultation_reference": assessment.consultation_reference,
            "funding_terms_compliant": yes_no(assessment.funding_terms_compliant),
            "accessible_formats_offered": yes_no(assessment.accessible_formats_offered),
            "conclusion": assessment.conclusion,
        }


class RiskForm(GovukForm):
    description = forms.CharField(label="Risk", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    mitigation = forms.CharField(
        label="Mitigation",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Needed before the assessment can be signed off",
    )


RiskFormSet = forms.formset_factory(RiskForm, extra=0)


class SignOffForm(GovukForm):
    decision = forms.ChoiceField(
        label="Your decision",
        choices=[("sign_off", "Sign off: the policy has been proofed"), ("return", "Return for changes")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to sign off or return the assessment"},
    )
    note = forms.CharField(
        label="Note",
        help_text="Needed when you return it: say what must change",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ConfirmForm(GovukForm):
    """A button with nothing to fill in."""


class CommentForm(GovukForm):
    body = forms.CharField(
        label="Your comment",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter your comment"},
    )
