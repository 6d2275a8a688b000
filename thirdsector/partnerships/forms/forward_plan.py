"""Forms for the forward plan; the rules (a meeting still to come, a later meeting to defer to) are in
services.forward_plan."""

import datetime

from django import forms
from django.utils import timezone

from thirdsector.core.forms import ChangeReasonField, GovukForm

from ..models.boards import Board
from ..models.forward_plan import ItemKind, ItemStatus, quarter_end, quarter_label, quarter_start

QUARTERS_AHEAD = 8  # two years: as far ahead as a board plans without a meeting in the diary


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, meeting) -> str:
        return f"{timezone.localtime(meeting.starts_at):%-d %B %Y, %-I:%M%p}".replace("AM", "am").replace("PM", "pm")


def quarters_from(today: datetime.date, *, also: datetime.date | None = None) -> list[tuple[str, str]]:
    """The current quarter and the next ones, as choices; `also` keeps an item's own quarter offered."""
    starts = [quarter_start(today)]
    for _ in range(QUARTERS_AHEAD - 1):
        starts.append(quarter_end(starts[-1]) + datetime.timedelta(days=1))
    if also is not None and also not in starts:
        starts.insert(0, also)
    return [(start.isoformat(), quarter_label(start)) for start in starts]


class ForwardPlanItemForm(GovukForm):
    title = forms.CharField(label="Topic", max_length=300)
    description = forms.CharField(
        label="Short description (optional)", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    meeting = MeetingChoiceField(
        label="Meeting",
        queryset=None,
        required=False,
        empty_label="No meeting scheduled yet: plan for a quarter",
        help_text="A meeting of the board still to come",
    )
    quarter_starts_on = forms.TypedChoiceField(
        label="Quarter, if no meeting is scheduled yet",
        coerce=datetime.date.fromisoformat,
        empty_value=None,
        required=False,
    )
    lead = forms.CharField(label="Lead", max_length=200, help_text="The board member or official who brings the item")
    kind = forms.ChoiceField(label="The item is", choices=ItemKind.choices, widget=forms.RadioSelect)
    published = forms.BooleanField(
        label="Publish it on the board's forward plan",
        required=False,
        help_text="Leave unticked to keep it as a draft only staff see",
    )

    def __init__(self, *args, meetings, today: datetime.date, current_quarter: datetime.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings
        quarters = quarters_from(today, also=current_quarter)
        self.fields["quarter_starts_on"].choices = [("", "Choose a quarter"), *quarters]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("meeting") and not cleaned.get("quarter_starts_on") and "meeting" not in self.errors:
            self.add_error("meeting", "Choose the meeting or, if none is scheduled yet, the quarter")
        if cleaned.get("meeting"):
            cleaned["quarter_starts_on"] = None
        return cleaned


class ForwardPlanItemEditForm(ForwardPlanItemForm):
    reason = ChangeReasonField()


class ForwardPlanFilterForm(GovukForm):
    board = forms.ModelChoiceField(
        label="Board", queryset=Board.objects.order_by("name"), required=False, empty_label="All boards"
    )
    status = forms.ChoiceField(label="Status", required=False, choices=[("", "All statuses"), *ItemStatus.choices])


class TakeItemForm(GovukForm):
    at_meeting = MeetingChoiceField(label="Meeting at which the board took the item", queryset=None)

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["at_meeting"].queryset = meetings


def _why(label: str, message: str, help_text: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": message},
        help_text=help_text,
    )


class DeferItemForm(GovukForm):
    to_meeting = MeetingChoiceField(label="Later meeting it is deferred to", queryset=None)
    reason = _why(
        "Why is it deferred?",
        "Give the reason the item is deferred",
        "Shown with the item on the published forward plan, and kept in its history",
    )

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_meeting"].queryset = meetings


class WithdrawItemForm(GovukForm):
    reason = _why("Why is it withdrawn?", "Give the reason the item is withdrawn", "Kept in the item's history")
