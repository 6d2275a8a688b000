"""Helpers for the Community Call for Action tests: a call walked through its steps by a council officer."""

import datetime

from thirdsector.partnerships.services.ccfa import take_call_step

from .factories import CommunityCallFactory

# The steps that lead to each status, and what each step records.
PATH_TO = {
    "raised": (),
    "with_councillor": ("pass_to_councillor",),
    "resolved_by_councillor": ("pass_to_councillor", "resolve"),
    "referred": ("pass_to_councillor", "refer"),
    "declined": ("pass_to_councillor", "refer", "decline"),
    "accepted": ("pass_to_councillor", "refer", "accept"),
    "reported": ("pass_to_councillor", "refer", "accept", "report"),
    "responded": ("pass_to_councillor", "refer", "accept", "report", "respond"),
    "closed": ("pass_to_councillor", "refer", "accept", "report", "respond", "close"),
}
STEP_RECORDS = {
    "resolve": {"councillor_outcome": "The highways team agreed a 20mph zone."},
    "decline": {"decline_reasons": "The issue is the subject of a current planning appeal."},
    "report": {
        "committee_report": "We heard from residents and the highways team.",
        "recommendations": "Introduce a 20mph zone and a crossing.",
    },
    "respond": {"executive_response": "The executive accepts both recommendations."},
}


def call_at(status: str, *, by, on: datetime.date | None = None, **attributes):
    """A call in `status`, its steps taken by `by` (an officer of its council), each dated `on`."""
    if on is not None:
        attributes.setdefault("raised_on", on)
    call = CommunityCallFactory(**attributes)
    for step in PATH_TO[status]:
        take_call_step(call=call, step=step, by=by, reason=f"Test: {step}", on=on, **STEP_RECORDS.get(step, {}))
    return call
