"""Forms for raising a Community Call for Action and for the council's steps on one."""

from django import forms

from thirdsector.core.forms import ChangeReasonField, GovukForm
from thirdsector.core.uploads import EVIDENCE, UploadRefused, check_upload
from thirdsector.register.models import Organisation, OrganisationKind

from ..models.ccfa import CallStatus

ISO_DATE = "%Y-%m-%d"
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024


class CallRaiseForm(GovukForm):
    """A resident's or group's call: the council, the ward, the issue, what has been tried, and contact."""

    council = forms.ModelChoiceField(
        label="Which council is it?",
        queryset=Organisation.objects.none(),
        empty_label="Choose a council",
        error_messages={"required": "Select the council"},
    )
    ward = forms.CharField(label="Which ward is it in?", max_length=150, error_messages={"required": "Enter your ward"})
    issue = forms.CharField(
        label="What is the issue?",
        help_text="Say what the problem is and who it affects in your area.",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10000,
        error_messages={"required": "Enter the issue"},
    )
    tried = forms.CharField(
        label="What has been tried already?",
        help_text="A call is for issues other routes have not solved: complaints, petitions, meetings.",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10000,
        error_messages={"required": "Enter what has been tried already"},
    )
    councillor_name = forms.CharField(
        label="Your ward councillor's name", max_length=150, error_messages={"required": "Enter your councillor's name"}
    )
    councillor_email = forms.EmailField(label="Your councillor's email address (optional)", required=False)
    name = forms.CharField(
        label="Your name, or your group's name", max_length=150, error_messages={"required": "Enter your name"}
    )
    email = forms.EmailField(
        label="Your email address",
        help_text="We will email you at each step, with a private link to follow your call.",
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address like name@example.com",
        },
    )
    organisation = forms.ModelChoiceField(
        label="Are you raising this for a group you belong to?",
        queryset=Organisation.objects.none(),
        required=False,
        empty_label="No, I am raising it myself",
    )

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = Organisation.objects.filter(kind=OrganisationKind.LOCAL_AUTHORITY).order_by(
            "name"
        )
        if organisations is None:
            del self.fields["organisation"]
        else:
            self.fields["organisation"].queryset = organisations


class CallFilterForm(GovukForm):
    council = forms.ModelChoiceField(label="Council", queryset=Organisation.objects.none(), required=False)
    status = forms.ChoiceField(label="Status", required=False)
    year = forms.TypedChoiceField(label="Year raised", coerce=int, required=False, empty_value=None)
    overdue = forms.BooleanField(label="Overdue only", required=False)

    def __init__(self, *args, councils=None, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = councils if councils is not None else Organisation.objects.none()
        self.fields["council"].empty_label = "All councils"
        self.fields["status"].choices = [("", "All statuses"), *CallStatus.choices]
        self.fields["year"].choices = [("", "All years"), *[(year, str(year)) for year in years]]


def _check_document(uploaded_file):
    if uploaded_file:
        try:
            check_upload(uploaded_file, max_bytes=MAX_DOCUMENT_BYTES, allowed=EVIDENCE)
        except UploadRefused as refused:
            raise forms.ValidationError(str(refused)) from refused
    return uploaded_file


class CallStepForm(GovukForm):
    """One step on a call: the day it happened, what the step records, and the reason for the audit trail."""

    _FIELDS = {
        "resolve": {
            "councillor_outcome": ("How did the councillor resolve the issue?", True),
        },
        "refer": {"councillor_outcome": ("Why did the councillor refer it? (optional)", False)},
        "decline": {"decline_reasons": ("Why did the committee decline to take it up?", True)},
        "report": {
            "committee_report": ("The committee's report", True),
            "recommendations": ("The committee's recommendations", True),
        },
        "respond": {"executive_response": ("The executive's response", True)},
    }
    _FILES = {"report": ("report_file", "The report as a document (optional)"),
              "respond": ("response_file", "The response as a document (optional)")}  # fmt: skip

    on = forms.DateField(
        label="When did this happen?",
        help_text="Leave blank for today.",
        required=False,
        input_formats=[ISO_DATE, "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format=ISO_DATE),
        error_messages={"invalid": "Enter a real date"},
    )

    def __init__(self, *args, step: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.step = step
        for name, (label, required) in self._FIELDS.get(step, {}).items():
            self.fields[name] = forms.CharField(
                label=label,
                widget=forms.Textarea(attrs={"rows": 6}),
                required=required,
                max_length=20000,
                error_messages={"required": f"Enter {label[0].lower() + label[1:]}".rstrip("?")},
            )
        if step in self._FILES:
            name, label = self._FILES[step]
            self.fields[name] = forms.FileField(label=label, required=False, validators=[_check_document])
        self.fields["reason"] = ChangeReasonField()

    def step_fields(self) -> dict:
        names = list(self._FIELDS.get(self.step, {}))
        if self.step in self._FILES:
            names.append(self._FILES[self.step][0])
        return {name: self.cleaned_data.get(name) for name in names if self.cleaned_data.get(name) is not None}
