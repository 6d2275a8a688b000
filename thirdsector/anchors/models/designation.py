"""Designation of an organisation as a community anchor, against the published criteria.

An organisation's members (or staff for it) propose it with evidence for each criterion; staff designate
it or refuse with a reason. A designation lasts until its review date (ANCHORS_REVIEW_YEARS after the
decision, copied onto the record so a later change of the setting does not move dates already set);
staff review it before then to renew it, otherwise the daily schedule lapses it. A refused or lapsed
organisation may propose itself again.

    proposed → designated → (reviewed: designated again, new review date)
             → refused    → lapsed
    refused, lapsed → proposed

Steps are taken only through `thirdsector.core.workflow.take`, which keeps who, when and why.
"""

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django_fsm import transition
from simple_history.models import HistoricalRecords

from thirdsector.accounts.access import can_edit_organisation, is_staff
from thirdsector.core.state_field import StateField
from thirdsector.core.workflow import by_the_system, guard, permission


class Criterion(models.TextChoices):
    """The published criteria, each with the question an applicant answers (shown on the public page)."""

    COMMUNITY_LED = "community_led", "Community-led"
    MULTI_PURPOSE = "multi_purpose", "Multi-purpose"
    LOCAL = "local", "Local"
    BUILDING = "building", "Owns or manages a building"


CRITERION_TESTS = {
    Criterion.COMMUNITY_LED: "Local people control the organisation: most of its board live or work in the "
    "neighbourhood it serves, and its members can elect them.",
    Criterion.MULTI_PURPOSE: "It does more than one thing for its neighbourhood: services, activities, a place "
    "to meet and a voice for local people, not a single service.",
    Criterion.LOCAL: "It serves a defined neighbourhood or community, and is based there.",
    Criterion.BUILDING: "It owns, leases or manages a building or land that the community uses.",
}


class AnchorStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    DESIGNATED = "designated", "Designated"
    REFUSED = "refused", "Refused"
    LAPSED = "lapsed", "Lapsed"


@permission("department staff")
def _staff(anchor, user) -> bool:
    return user is not None and is_staff(user)


@permission("the organisation's editors or department staff")
def _organisation_or_staff(anchor, user) -> bool:
    return user is not None and can_edit_organisation(user, anchor.organisation)


@guard("Give the reason for refusing the designation.")
def _refusal_reason_given(anchor) -> bool:
    return bool(anchor.refusal_reason.strip())


@guard("Every criterion must be met, with evidence, before the organisation can be designated.")
def _criteria_met(anchor) -> bool:
    return all(anchor.meets(criterion) for criterion in Criterion)


@guard("The designation lapses only once its review date has passed.")
def _review_date_passed(anchor) -> bool:
    return anchor.review_on is not None and anchor.review_on < anchor.lapse_check_day


def evidence_path(anchor, filename: str) -> str:
    return f"anchors/evidence/{anchor.organisation_id}/{filename}"


class Anchor(models.Model):
    """An organisation's standing as a community anchor, with its evidence and the decision on it."""

    organisation = models.OneToOneField("register.Organisation", on_delete=models.PROTECT, related_name="anchor")
    status = StateField(max_length=12, choices=AnchorStatus.choices, default=AnchorStatus.PROPOSED)

    community_led = models.BooleanField("It is community-led", default=False)
    community_led_evidence = models.TextField("Evidence that it is community-led", blank=True)
    community_led_document = models.FileField("Supporting document", upload_to=evidence_path, blank=True)
    multi_purpose = models.BooleanField("It is multi-purpose", default=False)
    multi_purpose_evidence = models.TextField("Evidence that it is multi-purpose", blank=True)
    multi_purpose_document = models.FileField("Supporting document", upload_to=evidence_path, blank=True)
    local = models.BooleanField("It is local", default=False)
    local_evidence = models.TextField("Evidence that it is local", blank=True)
    local_document = models.FileField("Supporting document", upload_to=evidence_path, blank=True)
    building = models.BooleanField("It owns or manages a building", default=False)
    building_evidence = models.TextField("Evidence that it owns or manages a building", blank=True)
    building_document = models.FileField("Supporting document", upload_to=evidence_path, blank=True)

    proposed_on = models.DateField()
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_on = models.DateField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    refusal_reason = models.TextField("Reason for refusing", blank=True)
    designated_on = models.DateField(null=True, blank=True)
    review_years = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="ANCHORS_REVIEW_YEARS when the designation was last decided"
    )
    review_on = models.DateField("Review date", null=True, blank=True)
    lapsed_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation__name", "id"]
        verbose_name = "community anchor"
        indexes = [
            models.Index(fields=["status", "review_on"], name="anchor_status_review_idx"),
            models.Index(fields=["status", "proposed_on"], name="anchor_status_proposed_idx"),
        ]

    def __str__(self) -> str:
        return str(self.organisation)

    def get_absolute_url(self) -> str:
        return reverse("anchors:anchor", args=[self.pk])

    # The day the lapsing guard compares the review date with; the schedule sets it before lapsing.
    lapse_check_day = datetime.date.max

    def meets(self, criterion: str) -> bool:
        return bool(getattr(self, criterion)) and bool(getattr(self, f"{criterion}_evidence").strip())

    def evidence(self) -> list[tuple[str, str, bool, str, object]]:
        """(criterion, its name, answered yes, evidence, document) for each published criterion."""
        return [
            (
                criterion.value,
                criterion.label,
                getattr(self, criterion.value),
                getattr(self, f"{criterion.value}_evidence"),
                getattr(self, f"{criterion.value}_document"),
            )
            for criterion in Criterion
        ]

    @property
    def is_designated(self) -> bool:
        return self.status == AnchorStatus.DESIGNATED

    # --- The workflow: the services set the dates before each step ---------------------------------

    @transition(
        status, source=AnchorStatus.PROPOSED, target=AnchorStatus.DESIGNATED,
        permission=_staff, conditions=[_criteria_met], custom={"label": "designate"},
    )  # fmt: skip
    def designate(self, *, by, today: datetime.date, review_years: int):
        self._decide(by, today, review_years)
        self.designated_on = today
        self.refusal_reason = ""
        self.lapsed_on = None

    @transition(
        status, source=AnchorStatus.DESIGNATED, target=AnchorStatus.DESIGNATED,
        permission=_staff, custom={"label": "renew after review"},
    )  # fmt: skip
    def review(self, *, by, today: datetime.date, review_years: int):
        self._decide(by, today, review_years)

    @transition(
        status, source=AnchorStatus.PROPOSED, target=AnchorStatus.REFUSED,
        permission=_staff, conditions=[_refusal_reason_given], custom={"label": "refuse"},
    )  # fmt: skip
    def refuse(self, *, by, today: datetime.date):
        self.decided_on = today
        self.decided_by = by

    @transition(
        status, source=AnchorStatus.DESIGNATED, target=AnchorStatus.LAPSED,
        permission=by_the_system, conditions=[_review_date_passed], custom={"label": "lapse"},
    )  # fmt: skip
    def lapse(self, *, by, today: datetime.date):
        self.lapsed_on = today

    @transition(
        status, source=[AnchorStatus.REFUSED, AnchorStatus.LAPSED], target=AnchorStatus.PROPOSED,
        permission=_organisation_or_staff, custom={"label": "propose again"},
    )  # fmt: skip
    def propose_again(self, *, by, today: datetime.date):
        self.proposed_on = today
        self.proposed_by = by

    def _decide(self, by, today: datetime.date, review_years: int) -> None:
        self.decided_on = today
        self.decided_by = by
        self.review_years = review_years
        self.review_on = _years_after(today, review_years)


def _years_after(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February into a year without one
        return day.replace(year=day.year + years, day=28)
