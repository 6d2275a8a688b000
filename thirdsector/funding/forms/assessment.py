"""Forms for assessment: assigning an assessor, the declaration of interests, scores and the decision."""

from dataclasses import dataclass

from django import forms

from thirdsector.core.forms import ChangeReasonField, GovukForm

from ..models import Criterion


class AssessorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user) -> str:
        return f"{user.full_name} ({user.email})" if user.full_name else user.email


class AssignAssessorForm(GovukForm):
    assessor = AssessorChoiceField(
        label="Assessor",
        queryset=None,
        empty_label="Choose an assessor",
        help_text="People who hold the assessor role and have not been assigned to this application",
        error_messages={
            "required": "Choose an assessor",
            "invalid_choice": "Choose an assessor from the list",
        },
    )

    def __init__(self, *args, assessors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assessor"].queryset = assessors


class RemoveAssessorForm(GovukForm):
    reason = ChangeReasonField(label="Why is this assessor being removed?")


class DeclarationForm(GovukForm):
    """Rendered by hand in the template: the details textarea is the conditional part of "Yes"."""

    has_conflict = forms.TypedChoiceField(
        label="Do you have a conflict of interest?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        help_text="For example, you work for, volunteer with, or are related to someone at this organisation",
        error_messages={"required": "Select yes if you have a conflict of interest"},
    )
    details = forms.CharField(
        label="Describe the conflict of interest",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("has_conflict") is True and not cleaned.get("details", "").strip():
            self.add_error("details", "Describe the conflict of interest")
        return cleaned


@dataclass(frozen=True)
class CriterionFields:
    criterion: Criterion
    score: forms.BoundField
    comment: forms.BoundField


class ScoreForm(GovukForm):
    """A score (radios from 0 to the criterion's maximum) and a comment for each criterion.

    Saving as a draft keeps whatever is filled in; submitting needs every criterion scored with a
    comment (the workflow refuses it otherwise, this form says which are missing).
    """

    SAVE, SUBMIT = "save", "submit"

    def __init__(self, *args, criteria: list[Criterion], scores: dict, submitting: bool = False, **kwargs):
        self.criteria = criteria
        self.submitting = submitting
        initial = {}
        for criterion in criteria:
            score = scores.get(criterion.pk)
            if score is not None:
                initial[f"score_{criterion.pk}"] = str(score.score)
                initial[f"comment_{criterion.pk}"] = score.comment
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        for criterion in criteria:
            out_of_range = f"Choose a score from 0 to {criterion.maximum_score} for {criterion.name}"
            self.fields[f"score_{criterion.pk}"] = forms.TypedChoiceField(
                label=f"Score for {criterion.name}",
                choices=[(str(n), str(n)) for n in range(criterion.maximum_score + 1)],
                coerce=int,
                required=False,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": out_of_range},
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=f"Comment on {criterion.name}",
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 4}),
            )

    def rows(self) -> list[CriterionFields]:
        return [
            CriterionFields(criterion, self[f"score_{criterion.pk}"], self[f"comment_{criterion.pk}"])
            for criterion in self.criteria
        ]

    def clean(self):
        cleaned = super().clean()
        for criterion in self.criteria:
            score_name, comment_name = f"score_{criterion.pk}", f"comment_{criterion.pk}"
            if score_name in self.errors:
                continue
            score = cleaned.get(score_name)
            comment = cleaned.get(comment_name, "").strip()
            if score in (None, ""):
                if self.submitting:
                    self.add_error(score_name, f"Choose a score for {criterion.name}")
                elif comment:
                    self.add_error(score_name, f"Choose a score for {criterion.name} to save your comment")
            if self.submitting and not comment:
                self.add_error(comment_name, f"Write a comment on {criterion.name}")
        return cleaned

    def scores(self) -> dict[int, tuple[int, str]]:
        """The filled-in criteria, as `services.assessment.save_scores` takes them."""
        result = {}
        for criterion in self.criteria:
            score = self.cleaned_data.get(f"score_{criterion.pk}")
            if score not in (None, ""):
                result[criterion.pk] = (score, self.cleaned_data.get(f"comment_{criterion.pk}", ""))
        return result


class DecisionForm(GovukForm):
    outcome = forms.ChoiceField(
        label="The panel's decision",
        choices=[("approve", "Approve"), ("decline", "Decline")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the panel approves or declines the application"},
    )
    reasons = forms.CharField(
        label="The panel's reasons",
        help_text="Kept on the record for staff. The applicant does not see these.",
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Enter the panel's reasons"},
    )
    feedback = forms.CharField(
        label="Feedback for the applicant",
        help_text="Sent to the applicant's members with the outcome, and shown on their application.",
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Enter the feedback for the applicant"},
    )
