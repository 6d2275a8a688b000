from django import forms
from django.conf import settings
from django.utils import timezone

from thirdsector.core.forms import GovukForm

from ..models import Quarter
from ..models.board_packs import QUARTER_MONTHS


class PackRequestForm(GovukForm):
    """Which board and quarter the pack is for, and why it is needed (kept in the pack's history)."""

    board = forms.ModelChoiceField(
        label="Board", queryset=None, empty_label=None, error_messages={"required": "Choose the board"}
    )
    year = forms.IntegerField(
        label="Financial year it starts in",
        help_text="For example, 2026 for April 2026 to March 2027",
        error_messages={"required": "Enter the financial year", "invalid": "Enter the year as a number, like 2026"},
    )
    quarter = forms.TypedChoiceField(
        label="Quarter",
        coerce=int,
        choices=[(number, f"Quarter {number}: {months}") for number, months in QUARTER_MONTHS.items()],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the quarter"},
    )
    reason = forms.CharField(
        label="Why the pack is needed",
        help_text="For example, the board's next meeting, or a figure corrected since the last version",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"required": "Say why the pack is needed"},
    )

    def __init__(self, *args, boards, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["board"].queryset = boards
        self.today = today or timezone.localdate()

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        this_year = Quarter.containing(self.today).year
        first_year = settings.MEASURES_BOARD_PACK_FIRST_YEAR
        if not first_year <= year <= this_year:
            raise forms.ValidationError(f"Enter a financial year from {first_year} to {this_year}")
        return year

    def clean(self):
        cleaned = super().clean()
        year, quarter = cleaned.get("year"), cleaned.get("quarter")
        if year and quarter and Quarter(year, quarter).starts_on > self.today:
            self.add_error("quarter", f"{Quarter(year, quarter)} has not started yet: choose a quarter that has")
        return cleaned


class TryAgainForm(GovukForm):
    """Why a stalled pack is tried again; kept in the history of both the stalled pack and its new version."""

    reason = forms.CharField(
        label="Why try again",
        help_text="For example, the pack stopped at a step and the board meets this week",
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        error_messages={"required": "Say why the pack is being tried again"},
    )
