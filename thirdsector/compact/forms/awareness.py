"""Forms for the staff awareness pages: sessions, attendance, teams and their members."""

import datetime

from django import forms
from django.utils import timezone

from thirdsector.accounts.models import User
from thirdsector.core.forms import GovukForm

from ..models import CompactBody, Team, TrainingKind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def people():
    return User.objects.filter(is_active=True).order_by("full_name")


class SessionForm(GovukForm):
    title = forms.CharField(label="Title", max_length=200, error_messages={"required": "Enter the session's title"})
    held_on = forms.DateField(
        label="Date", widget=DATE, error_messages={"required": "Enter the date", "invalid": "Enter a real date"}
    )
    kind = forms.ChoiceField(label="Kind of session", choices=TrainingKind.choices, widget=forms.RadioSelect)
    team = forms.ModelChoiceField(
        label="Team", queryset=Team.objects.none(), required=False, empty_label="Open to everyone"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.select_related("body__organisation")


class AttendanceForm(GovukForm):
    person = forms.ModelChoiceField(
        label="Person", queryset=User.objects.none(), error_messages={"required": "Choose who attended"}
    )
    completed = forms.BooleanField(label="Completed the session", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only people in a team: they are the staff whose training is counted.
        self.fields["person"].queryset = people().filter(compact_teams__isnull=False).distinct()


class TeamForm(GovukForm):
    name = forms.CharField(label="Team name", max_length=150, error_messages={"required": "Enter the team's name"})
    body = forms.ModelChoiceField(label="Body", queryset=CompactBody.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = CompactBody.objects.select_related("organisation")


class MemberForm(GovukForm):
    person = forms.ModelChoiceField(
        label="Person", queryset=User.objects.none(), error_messages={"required": "Choose a person"}
    )
    in_scope = forms.BooleanField(
        label="Their role makes policy or funds the sector",
        required=False,
        help_text="In-scope staff are counted in the share trained",
    )

    joined_on = forms.DateField(
        label="Date they joined the team",
        widget=DATE,
        help_text="For a current member, changing whether they are in scope keeps the day they joined",
        error_messages={"required": "Enter the date they joined", "invalid": "Enter a real date"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people()
        self.fields["joined_on"].initial = timezone.localdate

    def clean_joined_on(self) -> datetime.date:
        return _not_in_the_future(self.cleaned_data["joined_on"], "The date they joined")


class LeaveForm(GovukForm):
    left_on = forms.DateField(
        label="Date they left the team",
        widget=DATE,
        error_messages={"required": "Enter the date they left", "invalid": "Enter a real date"},
    )

    def __init__(self, *args, joined_on: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.joined_on = joined_on
        self.fields["left_on"].initial = timezone.localdate

    def clean_left_on(self) -> datetime.date:
        left_on = _not_in_the_future(self.cleaned_data["left_on"], "The date they left")
        if left_on < self.joined_on:
            raise forms.ValidationError(
                f"The date they left must be on or after the day they joined, {self.joined_on:%-d %B %Y}"
            )
        return left_on


def _not_in_the_future(day: datetime.date, label: str) -> datetime.date:
    if day > timezone.localdate():
        raise forms.ValidationError(f"{label} must be today or in the past")
    return day
