"""Forms for strategy progress: a RAG update, a milestone, a risk or issue, and a progress report."""

from django import forms

from thirdsector.core.forms import GovukForm

from ..models import Meeting, Rag, RiskKind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class StatusForm(GovukForm):
    rag = forms.ChoiceField(
        label="RAG status", choices=Rag.choices, widget=forms.RadioSelect,
        error_messages={"required": "Choose red, amber or green"},
    )  # fmt: skip
    reason = forms.CharField(
        label="Reason for this status",
        help_text="What is on track, what is not, and what is being done about it.",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Give the reason for the RAG status"},
    )


class MilestoneForm(GovukForm):
    title = forms.CharField(label="Milestone", max_length=200, error_messages={"required": "Enter the milestone"})
    due_on = forms.DateField(
        label="Due date", widget=DATE, error_messages={"required": "Enter the date the milestone is due"}
    )


class CompleteMilestoneForm(GovukForm):
    done_on = forms.DateField(
        label="Date done", widget=DATE, error_messages={"required": "Enter the date the milestone was done"}
    )


class RiskForm(GovukForm):
    kind = forms.ChoiceField(label="Risk or issue", choices=RiskKind.choices, widget=forms.RadioSelect)
    description = forms.CharField(
        label="Description", widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Describe the risk or issue"},
    )  # fmt: skip
    owner_name = forms.CharField(label="Owner", max_length=200, error_messages={"required": "Enter who owns it"})
    mitigation = forms.CharField(
        label="Mitigation", required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What is being done to reduce or deal with it.",
    )  # fmt: skip


class CloseRiskForm(GovukForm):
    reason = forms.CharField(
        label="Why it can be closed", widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Give the reason for closing it"},
    )  # fmt: skip


class ReportForm(GovukForm):
    as_of = forms.DateField(label="Report date", widget=DATE, error_messages={"required": "Enter the report date"})
    meeting = forms.ModelChoiceField(
        label="Board meeting (optional)", required=False, empty_label="No meeting",
        queryset=Meeting.objects.select_related("board").order_by("-starts_at"),
        help_text="The meeting that receives the report.",
    )  # fmt: skip
