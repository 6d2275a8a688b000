"""Forms for reporting a breach of the Compact and for working a case."""

from django import forms
from django.utils.text import capfirst

from thirdsector.core.forms import GovukForm
from thirdsector.core.uploads import EVIDENCE, accepted_kinds, megabytes

from ..models import BreachRoute, BreachStatus, Commitment, CompactBody
from ..services.breaches import MAX_EVIDENCE_BYTES

ISO_DATE = "%Y-%m-%d"


class _BodyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, body: CompactBody) -> str:
        return body.organisation.name


class _CommitmentChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, commitment: Commitment) -> str:
        return f"{commitment.get_code_display()} {commitment.number}: {commitment.summary}"


class BreachReportForm(GovukForm):
    """Anyone's report of a breach; contact details are optional, and dropped if anonymous."""

    body = _BodyChoiceField(
        label="Which public body broke the Compact?",
        queryset=CompactBody.objects.none(),
        empty_label="Choose a body",
        error_messages={"required": "Select the public body"},
    )
    commitments = _CommitmentChoiceField(
        label="Which commitment was broken?",
        help_text="Select all that apply.",
        queryset=Commitment.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select the commitment the body broke"},
    )
    what_happened = forms.CharField(
        label="What happened?",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10000,
        error_messages={"required": "Enter what happened"},
    )
    happened_on = forms.DateField(
        label="When did it happen?",
        help_text="For example, 27 3 2026. If it went on for a while, give the date it started.",
        input_formats=[ISO_DATE, "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format=ISO_DATE),
        error_messages={"required": "Enter the date it happened", "invalid": "Enter a real date"},
    )
    evidence = forms.CharField(
        label="Evidence (optional)",
        help_text="Tell us what shows this happened: letters, emails, dates of meetings, documents.",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=10000,
    )
    evidence_file = forms.FileField(
        label="Upload a document (optional)",
        help_text=f"{capfirst(accepted_kinds(EVIDENCE))} smaller than {megabytes(MAX_EVIDENCE_BYTES)}.",
        required=False,
    )
    organisation = forms.ModelChoiceField(
        label="Are you reporting on behalf of an organisation?",
        queryset=CompactBody.objects.none(),
        required=False,
        empty_label="No, I am reporting for myself",
    )
    anonymous = forms.BooleanField(
        label="Report anonymously",
        help_text=(
            "We will keep no name or contact details. You will not get emails about the case: keep the private "
            "link we show you next to follow it."
        ),
        required=False,
    )
    name = forms.CharField(label="Your name (optional)", required=False, max_length=150)
    email = forms.EmailField(
        label="Email address (optional)",
        help_text="We will send you the reference and tell you each time the case moves on.",
        required=False,
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.com"},
    )
    phone = forms.CharField(label="Phone number (optional)", required=False, max_length=40)

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = CompactBody.objects.select_related("organisation")
        self.fields["commitments"].queryset = Commitment.objects.order_by("code", "number")
        if organisations:
            self.fields["organisation"].queryset = organisations
        else:
            del self.fields["organisation"]

    def clean(self):
        data = super().clean()
        if data.get("anonymous") and any(data.get(name) for name in ("name", "email", "phone")):
            self.add_error(
                "anonymous", "Either report anonymously or give contact details, not both: clear one of them"
            )
        return data


class BreachStepForm(GovukForm):
    """One step on a case, with what the step records and the reason kept in the history."""

    reason = forms.CharField(
        label="Note for the case history (optional)",
        required=False,
        max_length=200,
    )

    def __init__(self, *args, step: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.step = step
        extra = {}
        if step == "assess":
            extra["route"] = forms.ChoiceField(
                label="Route",
                choices=BreachRoute.choices,
                widget=forms.RadioSelect,
                error_messages={"required": "Choose the route"},
            )
            extra["assessment"] = forms.CharField(
                label="Assessment", widget=forms.Textarea(attrs={"rows": 4}), required=False
            )
        elif step in ("uphold", "partly_uphold", "not_uphold"):
            extra["finding_reasons"] = forms.CharField(
                label="Reasons for the finding",
                widget=forms.Textarea(attrs={"rows": 5}),
                error_messages={"required": "Enter the reasons for the finding"},
            )
        elif step == "agree_remedy":
            extra["remedy"] = forms.CharField(
                label="Remedy agreed",
                widget=forms.Textarea(attrs={"rows": 4}),
                error_messages={"required": "Enter the remedy agreed"},
            )
        elif step == "close":
            extra["lessons_learned"] = forms.CharField(
                label="Lessons learned",
                help_text="What the body will do differently. This is required to close the case.",
                widget=forms.Textarea(attrs={"rows": 5}),
                error_messages={"required": "Enter the lessons learned"},
            )
        elif step == "escalate":
            extra["escalation_reason"] = forms.CharField(
                label="Why refer the case to the Commissioner?",
                widget=forms.Textarea(attrs={"rows": 3}),
                error_messages={"required": "Enter why the case is referred"},
            )
        elif step == "record_review":
            extra["commissioner_review"] = forms.CharField(
                label="The Commissioner's review",
                widget=forms.Textarea(attrs={"rows": 5}),
                error_messages={"required": "Enter the review"},
            )
        # The step's own fields come first, the history note last.
        reason = self.fields.pop("reason")
        self.fields.update(extra)
        self.fields["reason"] = reason

    def step_fields(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if name != "reason"}


class BreachUpdateForm(GovukForm):
    text = forms.CharField(
        label="Update",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages={"required": "Enter the text"},
    )
    public = forms.TypedChoiceField(
        label="Who sees it?",
        choices=[("1", "The reporter (public update, emailed to them)"), ("0", "Staff only (internal note)")],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who sees it"},
    )


class BreachFilterForm(GovukForm):
    body = _BodyChoiceField(label="Body", queryset=CompactBody.objects.none(), required=False, empty_label="Any body")
    status = forms.ChoiceField(label="Status", required=False, choices=[("", "Any status"), *BreachStatus.choices])
    year = forms.TypedChoiceField(label="Year reported", required=False, coerce=int, empty_value=None)
    overdue = forms.BooleanField(label="Overdue only", required=False)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = CompactBody.objects.select_related("organisation")
        self.fields["year"].choices = [("", "Any year"), *[(year, str(year)) for year in years]]
