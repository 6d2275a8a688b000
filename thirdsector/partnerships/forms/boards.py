"""Forms for boards and meetings; the rules themselves are in services.boards and services.meetings."""

from django import forms
from django.utils import timezone

from thirdsector.core.forms import ChangeReasonField, GovukForm

from ..models.boards import Attendance, BoardKind, MemberRole, Sector


def _date(label: str, **kwargs) -> forms.DateField:
    return forms.DateField(label=label, widget=forms.DateInput(attrs={"type": "date"}), **kwargs)


class BoardForm(GovukForm):
    name = forms.CharField(max_length=200)
    kind = forms.ChoiceField(choices=BoardKind.choices)
    remit = forms.CharField(widget=forms.Textarea)
    min_members = forms.IntegerField(label="Minimum members", min_value=0)
    max_members = forms.IntegerField(label="Maximum members", min_value=1)
    min_third_sector_seats = forms.IntegerField(label="Minimum third sector seats", min_value=0, initial=0)
    min_local_government_seats = forms.IntegerField(label="Minimum local government seats", min_value=0, initial=0)
    min_department_seats = forms.IntegerField(label="Minimum department seats", min_value=0, initial=0)


class BoardEditForm(GovukForm):
    """The remit and the size and seat rules of a board already set up; its name and kind stay."""

    remit = forms.CharField(widget=forms.Textarea)
    min_members = forms.IntegerField(label="Minimum members", min_value=0)
    max_members = forms.IntegerField(label="Maximum members", min_value=1)
    min_third_sector_seats = forms.IntegerField(label="Minimum third sector seats", min_value=0)
    min_local_government_seats = forms.IntegerField(label="Minimum local government seats", min_value=0)
    min_department_seats = forms.IntegerField(label="Minimum department seats", min_value=0)
    reason = ChangeReasonField()


class EndTermForm(GovukForm):
    ends_on = forms.DateField(
        label="Term ends on",
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    reason = ChangeReasonField(label="Reason the term ends")


class MemberForm(GovukForm):
    name = forms.CharField(max_length=200)
    email = forms.EmailField(
        label="Email address of their account (optional)",
        required=False,
        help_text="If they have an account, they will see the board's meetings and papers",
    )
    role = forms.ChoiceField(choices=MemberRole.choices, initial=MemberRole.MEMBER)
    organisation_name = forms.CharField(label="Organisation represented", max_length=200, required=False)
    sector = forms.ChoiceField(label="Sector represented", choices=Sector.choices)
    responsible_for = forms.CharField(label="Responsible for (Programme Board)", max_length=300, required=False)
    term_starts_on = _date("Term starts")
    term_ends_on = _date("Term ends", required=False)


class DeclarationForm(GovukForm):
    declared_on = _date("Date declared")
    interest = forms.CharField(label="Interest declared", widget=forms.Textarea)


class MeetingForm(GovukForm):
    starts_at = forms.DateTimeField(
        label="Date and time",
        widget=forms.DateTimeInput(
            attrs={"type": "datetime-local", "class": "govuk-input govuk-input--width-20"}, format="%Y-%m-%dT%H:%M"
        ),
    )
    location = forms.CharField(max_length=300)


class AgendaItemForm(GovukForm):
    title = forms.CharField(label="Agenda item", max_length=300)


class PaperForm(GovukForm):
    title = forms.CharField(label="Title of the paper", max_length=300)
    file = forms.FileField(label="Upload a file", help_text="PDF, Word, Excel, OpenDocument, CSV or text")


class CirculateForm(GovukForm):
    late_reason = forms.CharField(
        label="If the papers are late, why", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class MinutesForm(GovukForm):
    minutes = forms.CharField(widget=forms.Textarea(attrs={"rows": 12}))


class ApproveMinutesForm(GovukForm):
    at_meeting = forms.ModelChoiceField(label="Meeting at which the minutes were approved", queryset=None)

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["at_meeting"].queryset = meetings


class DecisionForm(GovukForm):
    text = forms.CharField(label="Decision", widget=forms.Textarea(attrs={"rows": 3}))
    agenda_item = forms.ModelChoiceField(label="Agenda item", queryset=None, required=False)

    def __init__(self, *args, agenda_items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = agenda_items


class ActionForm(GovukForm):
    description = forms.CharField(label="Action", widget=forms.Textarea(attrs={"rows": 3}))
    owner = forms.CharField(label="Owner", max_length=200)
    due_on = _date("Due date")


class AttendanceForm(GovukForm):
    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        for member, recorded in members:
            self.fields[f"member_{member.pk}"] = forms.ChoiceField(
                label=member.name,
                choices=Attendance.choices,
                initial=recorded or Attendance.PRESENT,
                widget=forms.RadioSelect,
            )

    def attendance(self) -> dict[int, str]:
        return {int(name.removeprefix("member_")): value for name, value in self.cleaned_data.items()}
