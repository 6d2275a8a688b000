"""Forms for the staff awareness pages: sessions, attendance, teams and their members."""

from django import forms

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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people()
