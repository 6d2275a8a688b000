"""Forms for the application journey: one question per page, a document upload, declaration, messages.

`QUESTIONS` lists the question pages in the order the journey asks them; the task list, the check
answers page and the question view all read it, so adding a question is one entry here.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.utils import timezone

from thirdsector.core.forms import GovukForm
from thirdsector.register.models import Organisation

from ..models import DocumentKind


class DecoratedForm(GovukForm):
    """Adds the GOV.UK classes on creation, because question pages render fields one by one.

    A bound form is decorated when it is cleaned (after its errors are known), so only unbound forms
    are decorated here: decorating reads `errors`, which would clean the form before it is set up.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._decorate_if_unbound()

    def _decorate_if_unbound(self) -> None:
        if not self.is_bound:
            self._govuk_decorate()


class PoundsField(forms.DecimalField):
    """An amount in pounds that accepts "£150,000" as well as "150000"."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", Decimal("0"))
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}))
        super().__init__(**kwargs)
        self.govuk_classes = "govuk-input govuk-input--width-10"

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("£", "").replace(",", "").strip()
        return super().to_python(value)


class TitleForm(DecoratedForm):
    project_title = forms.CharField(
        label="What is the name of the work you want funded?",
        help_text="A short name we can use in letters, such as ‘Core costs of our policy network’",
        max_length=200,
        error_messages={
            "required": "Enter the name of the work",
            "max_length": "The name must be 200 characters or fewer",
        },
    )


class SummaryForm(DecoratedForm):
    summary = forms.CharField(
        label="What is the money for?",
        help_text="Say what you will spend it on, such as salaries, running costs or activities",
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "Enter what the money is for"},
    )


class NeedForm(DecoratedForm):
    need = forms.CharField(
        label="What need does the work meet?",
        help_text="Who needs it, and how you know",
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "Enter the need the work meets"},
    )


class OutcomesForm(DecoratedForm):
    outcomes = forms.CharField(
        label="What will change because of the work?",
        help_text="The difference it will make, and how you will measure it",
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "Enter what will change because of the work"},
    )


class AmountForm(DecoratedForm):
    amount_requested = PoundsField(
        label="Total amount you are asking for",
        help_text="In pounds, for the whole length of the work, such as 150000",
        error_messages={
            "required": "Enter the total amount you are asking for",
            "invalid": "Enter the amount in pounds, such as 150000 or 150000.50",
            "min_value": "The amount must be more than £0",
            "max_decimal_places": "Enter the amount in pounds and pence, such as 150000.50",
            "max_digits": "Enter an amount under £1 trillion",
            "max_whole_digits": "Enter an amount under £1 trillion",
        },
    )
    overheads = PoundsField(
        label="Of which overheads (optional)",
        help_text=(
            "Full cost recovery: a fair share of your running costs, such as rent, finance and management, "
            "is an allowed cost. Leave empty if none."
        ),
        required=False,
        error_messages={
            "invalid": "Enter the overheads in pounds, such as 12000 or 12000.50",
            "min_value": "Overheads cannot be less than £0",
            "max_decimal_places": "Enter the overheads in pounds and pence, such as 12000.50",
        },
    )

    def clean(self):
        cleaned = super().clean()
        amount, overheads = cleaned.get("amount_requested"), cleaned.get("overheads")
        if amount is not None and amount <= 0:
            self.add_error("amount_requested", "The amount must be more than £0")
        if amount is not None and overheads is not None and overheads > amount:
            self.add_error("overheads", "Overheads cannot be more than the total amount you are asking for")
        return cleaned


class DurationForm(DecoratedForm):
    duration_months = forms.IntegerField(
        label="How many months will the work last?",
        min_value=1,
        max_value=120,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
        error_messages={
            "required": "Enter how many months the work will last",
            "invalid": "Enter the length as a whole number of months, such as 36",
            "min_value": "The work must last at least 1 month",
            "max_value": "The work can last no more than 120 months",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["duration_months"].govuk_classes = "govuk-input govuk-input--width-3"
        self._decorate_if_unbound()


class StartDateForm(DecoratedForm):
    """A GOV.UK date input: day, month and year in separate boxes, checked together."""

    day = forms.CharField(label="Day", required=False, max_length=2)
    month = forms.CharField(label="Month", required=False, max_length=2)
    year = forms.CharField(label="Year", required=False, max_length=4)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("day", "month", "year"):
            width = 4 if name == "year" else 2
            self.fields[name].govuk_classes = f"govuk-input govuk-date-input__input govuk-input--width-{width}"
            self.fields[name].widget.attrs.update({"inputmode": "numeric"})
        self._decorate_if_unbound()

    @classmethod
    def initial_for(cls, day: datetime.date | None) -> dict:
        return {} if day is None else {"day": day.day, "month": day.month, "year": day.year}

    def clean(self):
        cleaned = super().clean()
        parts = {name: (cleaned.get(name) or "").strip() for name in ("day", "month", "year")}
        missing = [name for name, value in parts.items() if not value]
        if len(missing) == 3:
            self.add_error("day", "Enter the date the work would start")
            return cleaned
        if missing:
            self.add_error(missing[0], f"The start date must include a {' and '.join(missing)}")
            return cleaned
        if not all(value.isdigit() for value in parts.values()):
            first = next(name for name, value in parts.items() if not value.isdigit())
            self.add_error(first, "The start date must be a real date")
            return cleaned
        if len(parts["year"]) != 4:
            self.add_error("year", "Year must include 4 numbers")
            return cleaned
        try:
            starts_on = datetime.date(int(parts["year"]), int(parts["month"]), int(parts["day"]))
        except ValueError:
            self.add_error("day", "The start date must be a real date")
            return cleaned
        if starts_on < timezone.localdate():
            self.add_error("day", "The start date must be today or in the future")
            return cleaned
        cleaned["starts_on"] = starts_on
        return cleaned


@dataclass(frozen=True)
class Question:
    slug: str
    heading: str
    form: type[forms.Form]
    fields: tuple[str, ...]
    template: str = "funding/applications/question.html"

    @property
    def single_field(self) -> bool:
        return len(self.fields) == 1 and self.template == "funding/applications/question.html"


QUESTIONS = (
    Question("title", "Name of the work", TitleForm, ("project_title",)),
    Question("summary", "What the money is for", SummaryForm, ("summary",)),
    Question("need", "The need it meets", NeedForm, ("need",)),
    Question("outcomes", "What will change", OutcomesForm, ("outcomes",)),
    Question("amount", "How much you are asking for", AmountForm, ("amount_requested", "overheads")),
    Question("length", "How long the work will last", DurationForm, ("duration_months",)),
    Question(
        "start-date",
        "When would the work start?",
        StartDateForm,
        ("starts_on",),
        template="funding/applications/question_date.html",
    ),
)
QUESTIONS_BY_SLUG = {question.slug: question for question in QUESTIONS}


# The short form, for small grants to groups run by volunteers: four pages in plain English. The slugs
# are the long form's where the page asks the same thing, so links to a question work for either form.
class ShortPurposeForm(DecoratedForm):
    project_title = forms.CharField(
        label="Give your idea a short name",
        help_text="Such as ‘Summer trips for young carers’",
        max_length=200,
        error_messages={"required": "Enter a short name", "max_length": "The name must be 200 characters or fewer"},
    )
    summary = forms.CharField(
        label="What will you spend the money on?",
        help_text="Such as room hire, equipment, food or volunteers’ travel",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter what you will spend the money on"},
    )


class ShortNeedForm(DecoratedForm):
    need = forms.CharField(
        label="Who will it help, and why is it needed?",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter who it will help and why it is needed"},
    )
    outcomes = forms.CharField(
        label="What difference will it make?",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter what difference it will make"},
    )


class ShortAmountForm(DecoratedForm):
    amount_requested = PoundsField(
        label="How much are you asking for?",
        help_text="In pounds, such as 2500",
        error_messages={
            "required": "Enter how much you are asking for",
            "invalid": "Enter the amount in pounds, such as 2500 or 2500.50",
            "min_value": "The amount must be more than £0",
            "max_decimal_places": "Enter the amount in pounds and pence, such as 2500.50",
            "max_digits": "Enter an amount under £1 trillion",
            "max_whole_digits": "Enter an amount under £1 trillion",
        },
    )

    def clean_amount_requested(self):
        amount = self.cleaned_data["amount_requested"]
        if amount is not None and amount <= 0:
            raise forms.ValidationError("The amount must be more than £0")
        return amount


SHORT_QUESTIONS = (
    Question("summary", "What the money is for", ShortPurposeForm, ("project_title", "summary")),
    Question("need", "Who it will help", ShortNeedForm, ("need", "outcomes")),
    Question("amount", "How much you are asking for", ShortAmountForm, ("amount_requested",)),
    Question("start-date", "When will you start?", StartDateForm, ("starts_on",), template=QUESTIONS[-1].template),
)


def questions_for(programme) -> tuple[Question, ...]:
    """The question pages `programme` asks: the short form for small grants, else the full one."""
    return SHORT_QUESTIONS if programme.asks_short_form else QUESTIONS


def question_for(programme, slug: str) -> Question | None:
    return next((question for question in questions_for(programme) if question.slug == slug), None)


def answers_from(question: Question, form: forms.Form) -> dict:
    """The application fields a question's valid form answers."""
    return {name: form.cleaned_data.get(name) for name in question.fields}


def initial_from(question: Question, application) -> dict:
    if question.slug == "start-date":
        return StartDateForm.initial_for(application.starts_on)
    return {name: getattr(application, name) for name in question.fields}


class DocumentForm(DecoratedForm):
    kind = forms.ChoiceField(
        label="What is the document?",
        choices=DocumentKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what the document is"},
    )
    file = forms.FileField(
        label="Upload a file",
        help_text="A PDF, Word (.docx), Excel (.xlsx), OpenDocument (.odt or .ods) or CSV file, smaller than 10 MB",
        error_messages={"required": "Select a file", "empty": "The selected file is empty"},
    )

    def __init__(self, *args, max_bytes: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if max_bytes:
            size = f"{max_bytes / (1024 * 1024):g} MB"
            self.fields[
                "file"
            ].help_text = (
                f"A PDF, Word (.docx), Excel (.xlsx), OpenDocument (.odt or .ods) or CSV file, smaller than {size}"
            )
            self._decorate_if_unbound()


class OrganisationChoiceForm(DecoratedForm):
    organisation = forms.ModelChoiceField(
        label="Which organisation are you applying for?",
        queryset=Organisation.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": "Select the organisation you are applying for"},
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self._decorate_if_unbound()


class DeclarationForm(DecoratedForm):
    confirm = forms.BooleanField(
        label="I confirm that the information in this application is true and complete",
        help_text="and that I may make this application on behalf of the organisation",
        error_messages={"required": "Confirm the declaration before submitting"},
    )


class MessageForm(DecoratedForm):
    body = forms.CharField(
        label="Your message",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        error_messages={
            "required": "Enter your message",
            "max_length": "Your message must be 5,000 characters or fewer",
        },
    )


class WithdrawForm(DecoratedForm):
    reason = forms.CharField(
        label="Why are you withdrawing the application?",
        help_text="This is kept with the application so the funding team knows why.",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=1000,
        error_messages={"required": "Say why you are withdrawing the application"},
    )
