"""Forms for consultations: staff drafting and running them, the public responding and asking for formats."""

from django import forms
from django.utils.text import capfirst

from thirdsector.core.forms import GovukForm, GovukModelForm
from thirdsector.core.uploads import DOCUMENTS, accepted_kinds

from ..models import (
    AlternativeFormat,
    AlternativeFormatRequest,
    CompactBody,
    Consultation,
    EarlyEngagement,
    Question,
    QuestionKind,
    RespondingAs,
    ResponseChannel,
    Theme,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ConsultationForm(GovukModelForm):
    body = forms.ModelChoiceField(
        label="Public body consulting", queryset=CompactBody.objects.select_related("organisation")
    )

    class Meta:
        model = Consultation
        fields = [
            "body",
            "policy_area",
            "title",
            "summary",
            "who_is_consulted",
            "how_to_respond",
            "opens_on",
            "closes_on",
        ]
        widgets = {"opens_on": DATE, "closes_on": DATE}
        help_texts = {
            "who_is_consulted": "The organisations and people you want to hear from",
            "how_to_respond": "Online, by email or by post, and the addresses to use",
        }


class ShortPeriodForm(GovukForm):
    reason = forms.CharField(label="Why the consultation is shorter than the minimum", widget=forms.Textarea)
    approved_by_name = forms.CharField(label="Name of the senior official who approved it", max_length=150)
    approved_by_role = forms.CharField(label="Their role", max_length=150)
    approved_on = forms.DateField(label="Date approved", widget=DATE)


class QuestionForm(GovukModelForm):
    options_text = forms.CharField(
        label="Options",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For single and multiple choice questions: one option per line",
    )

    class Meta:
        model = Question
        fields = ["text", "hint", "kind", "required"]
        widgets = {"kind": forms.RadioSelect}
        labels = {"text": "Question", "kind": "Type of answer", "required": "An answer is needed to submit"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:  # a question being changed shows its options as they are typed: one a line
            self.initial.setdefault("options_text", "\n".join(self.instance.options))

    def options(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data.get("options_text", "").splitlines() if line.strip()]


class DocumentForm(GovukForm):
    title = forms.CharField(max_length=200)
    file = forms.FileField(required=False, help_text=capfirst(accepted_kinds(DOCUMENTS)))
    link = forms.URLField(required=False, help_text="Or the address of a document published elsewhere")


class EngagementForm(GovukModelForm):
    class Meta:
        model = EarlyEngagement
        fields = ["held_on", "who", "how", "result"]
        widgets = {"held_on": DATE}


class StepForm(GovukForm):
    reason = forms.CharField(label="Note for the record (optional)", required=False, max_length=200)


class AnalysisForm(GovukForm):
    analysis_notes = forms.CharField(label="Analysis notes", widget=forms.Textarea, required=False)


class ThemeForm(GovukModelForm):
    class Meta:
        model = Theme
        fields = ["name", "count", "quotes"]
        labels = {"name": "Theme"}


class OutcomeForm(GovukForm):
    we_asked = forms.CharField(label="We asked", widget=forms.Textarea)
    you_said = forms.CharField(label="You said", widget=forms.Textarea)
    we_did = forms.CharField(label="We did", widget=forms.Textarea)


class StartResponseForm(GovukForm):
    """Who is responding. Signed-in members choose one of their organisations; others type its name."""

    responding_as = forms.ChoiceField(
        label="Are you responding as an individual or for an organisation?",
        choices=RespondingAs.choices,
        widget=forms.RadioSelect,
    )
    organisation = forms.ModelChoiceField(
        label="Organisation you are responding for", queryset=None, required=False, empty_label="Choose"
    )
    organisation_name = forms.CharField(label="Name of the organisation you are responding for", required=False)
    name = forms.CharField(label="Full name", max_length=150, required=False)
    email = forms.EmailField(
        label="Email address (optional)",
        required=False,
        help_text="We will email you a private link to your draft so you can finish it later",
    )

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is not None and organisations.exists():
            self.fields["organisation"].queryset = organisations
            del self.fields["organisation_name"]
        else:
            del self.fields["organisation"]

    def clean(self):
        data = super().clean()
        if data.get("responding_as") == RespondingAs.ORGANISATION:
            if "organisation" in self.fields and not data.get("organisation"):
                self.add_error("organisation", "Choose the organisation you are responding for")
            if "organisation_name" in self.fields and not data.get("organisation_name", "").strip():
                self.add_error("organisation_name", "Enter the name of the organisation you are responding for")
        return data


def _question_field(question: Question) -> forms.Field:
    common = {"label": f"{question.number}. {question.text}", "required": False, "help_text": question.hint}
    if question.kind == QuestionKind.FREE_TEXT:
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), max_length=20000, **common)
    choices = [(choice, choice) for choice in question.choices]
    if question.kind == QuestionKind.MULTIPLE_CHOICE:
        return forms.MultipleChoiceField(choices=choices, widget=forms.CheckboxSelectMultiple, **common)
    return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)


class AnswersForm(GovukForm):
    """A field per question (`question_<id>`), checked by its kind; then the publication choices."""

    def __init__(self, *args, questions, with_publication: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[f"question_{question.pk}"] = _question_field(question)
        if with_publication:
            self.fields["publish_name"] = forms.BooleanField(label="My name may be published", required=False)
            self.fields["publish_organisation"] = forms.BooleanField(
                label="My organisation's name may be published", required=False
            )
            self.fields["confidential"] = forms.BooleanField(
                label="Keep my response confidential",
                required=False,
                help_text="We will not quote it or publish it; it may still be released if the law requires",
            )

    def answers(self) -> dict[int, object]:
        return {question.pk: self.cleaned_data.get(f"question_{question.pk}") for question in self.questions}

    @staticmethod
    def initial_from(response) -> dict:
        initial = {
            "publish_name": response.publish_name,
            "publish_organisation": response.publish_organisation,
            "confidential": response.confidential,
        }
        for answer in response.answers.all():
            initial[f"question_{answer.question_id}"] = answer.choices or answer.text
        return initial


class RecordResponseForm(AnswersForm):
    """Staff record a response that came by post or email."""

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, questions=questions, **kwargs)
        extra = {
            "channel": forms.ChoiceField(
                label="How it came",
                choices=[c for c in ResponseChannel.choices if c[0] != ResponseChannel.ONLINE],
                widget=forms.RadioSelect,
            ),
            "name": forms.CharField(label="Respondent's name", max_length=150),
            "email": forms.EmailField(label="Respondent's email address", required=False),
            "organisation_name": forms.CharField(label="Organisation (if for one)", required=False),
        }
        self.fields = {**extra, **self.fields}


class ResumeEmailForm(GovukForm):
    email = forms.EmailField(label="Email address")


class FormatRequestForm(GovukModelForm):
    format = forms.ChoiceField(
        label="Which format do you need?", choices=AlternativeFormat.choices, widget=forms.RadioSelect
    )

    class Meta:
        model = AlternativeFormatRequest
        fields = ["format", "name", "email", "phone", "postal_address", "notes"]
        help_texts = {"postal_address": "Needed for large print, Braille and paper copies"}
