"""Forms of the stakeholder survey: staff building and sending it, organisations responding, and the
filters of its results and evidence."""

from django import forms
from django.utils.text import capfirst

from thirdsector.compact.forms import consultations as consultation_forms
from thirdsector.compact.models.consultations import QuestionKind
from thirdsector.core.forms import GovukForm, GovukModelForm
from thirdsector.core.uploads import EVIDENCE, accepted_kinds

from ..models import Survey, SurveyGroup, SurveyQuestion
from ..services.surveys import MAX_EVIDENCE_TEXT, Evidence, SurveyError, check_evidence_file

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SurveyForm(GovukModelForm):
    class Meta:
        model = Survey
        fields = ["title", "year", "opens_on", "closes_on", "intro"]
        widgets = {"opens_on": DATE, "closes_on": DATE, "intro": forms.Textarea(attrs={"rows": 5})}


class QuestionForm(consultation_forms.QuestionForm):
    """A consultation's question form, with the survey's headline flag."""

    class Meta(consultation_forms.QuestionForm.Meta):
        model = SurveyQuestion
        fields = ["text", "hint", "kind", "required", "is_headline"]
        labels = {
            **consultation_forms.QuestionForm.Meta.labels,
            "is_headline": "This is the headline question: the department and the sector work well together",
        }
        help_texts = {"is_headline": "Its share agreeing is strategy measure 1; it must be agree-or-disagree"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:  # a question being changed shows its options as they are typed: one a line
            self.initial.setdefault("options_text", "\n".join(self.instance.options))


class StepForm(GovukForm):
    reason = forms.CharField(
        label="Why, for the survey's record",
        max_length=200,
        error_messages={"required": "Say why, for the survey's record"},
    )


class SendForm(GovukForm):
    groups = forms.MultipleChoiceField(
        label="Send the survey to",
        choices=SurveyGroup.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Each organisation is invited once, however many of its groups you choose",
        error_messages={"required": "Choose at least one group to send the survey to"},
    )


def _answer_field(question: SurveyQuestion) -> forms.Field:
    common = {
        "label": f"{question.number}. {question.text}",
        "required": question.required,
        "help_text": question.hint,
        "error_messages": {"required": f"Answer question {question.number}"},
    }
    if question.kind == QuestionKind.FREE_TEXT:
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=20000, **common)
    choices = [(choice, choice) for choice in question.choices]
    if question.kind == QuestionKind.MULTIPLE_CHOICE:
        return forms.MultipleChoiceField(choices=choices, widget=forms.CheckboxSelectMultiple, **common)
    return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)


class ResponseForm(GovukForm):
    """Per question: the answer (`question_<id>`), then optional evidence as text, a document and a link."""

    respondent_name = forms.CharField(label="Your name (optional)", max_length=150, required=False)

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            number = question.number
            self.fields[f"question_{question.pk}"] = _answer_field(question)
            self.fields[f"evidence_text_{question.pk}"] = forms.CharField(
                label=f"Evidence for question {number} (optional)",
                help_text="An example of what happened, in your words",
                required=False,
                max_length=MAX_EVIDENCE_TEXT,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
            self.fields[f"evidence_file_{question.pk}"] = forms.FileField(
                label=f"A document as evidence for question {number} (optional)",
                help_text=capfirst(accepted_kinds(EVIDENCE)),
                required=False,
            )
            self.fields[f"evidence_link_{question.pk}"] = forms.URLField(
                label=f"A link to evidence for question {number} (optional)",
                help_text="A full web address, like https://www.example.org/report",
                required=False,
                max_length=500,
                assume_scheme="https",
                error_messages={"invalid": f"Enter the link for question {number} as a full web address"},
            )

    def clean(self):
        data = super().clean()
        for question in self.questions:
            name = f"evidence_file_{question.pk}"
            if data.get(name):
                try:
                    check_evidence_file(data[name])
                except SurveyError as error:
                    self.add_error(name, f"Question {question.number}: {error}")
        return data

    def answers(self) -> dict[int, object]:
        return {question.pk: self.cleaned_data.get(f"question_{question.pk}") for question in self.questions}

    def evidence(self) -> dict[int, Evidence]:
        return {
            question.pk: Evidence(
                text=self.cleaned_data.get(f"evidence_text_{question.pk}") or "",
                file=self.cleaned_data.get(f"evidence_file_{question.pk}"),
                link=self.cleaned_data.get(f"evidence_link_{question.pk}") or "",
            )
            for question in self.questions
        }


class ResultsForm(GovukForm):
    year = forms.TypedChoiceField(label="Year", coerce=int, required=False, empty_value=None)

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, str(year)) for year in years]


class AnswersFilterForm(GovukForm):
    """The evidence list's filters; the results page links here with them set."""

    year = forms.IntegerField(label="Year", required=False, min_value=2000, max_value=2100)
    group = forms.ChoiceField(label="Group", required=False, choices=[("", "All groups"), *SurveyGroup.choices])
    question = forms.TypedChoiceField(label="Question", required=False, coerce=int, empty_value=None)
    headline = forms.BooleanField(label="Headline question only", required=False)
    evidence = forms.BooleanField(label="Only answers with evidence", required=False)

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["question"].choices = [("", "All questions")] + [
            (question.pk, f"{question.survey.year}, question {question.number}: {question.text}")
            for question in questions
        ]
