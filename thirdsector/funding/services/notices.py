"""The end-of-funding notice: the Compact's funding code asks for at least three months' notice.

Each programme keeps its notice period (`Programme.notice_months`, three by default). The daily
schedule sends the notice a little before that point (`FUNDING_NOTICE_LEAD_DAYS`), once per award
and end date, to the organisation's administrators, and records the day it was sent. The award page
says whether notice was given and flags notice given late.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from thirdsector.core.audit import attribute
from thirdsector.core.links import absolute_url

from ..models import Award, AwardStatus, Programme
from .awards import add_months, email_administrators


def notice_lead_days() -> int:
    return getattr(settings, "FUNDING_NOTICE_LEAD_DAYS", 14)


def notice_due_by(award: Award) -> datetime.date:
    """The last day notice may be given: the programme's notice period before the end date."""
    return add_months(award.ends_on, -award.programme.notice_months)


def in_notice_window(award: Award, today: datetime.date) -> bool:
    """Whether the award ends within its notice period plus the lead days from `today`."""
    horizon = add_months(today, award.programme.notice_months) + datetime.timedelta(days=notice_lead_days())
    return today <= award.ends_on <= horizon


@dataclass(frozen=True)
class NoticeStatus:
    """What the award page says about the end-of-funding notice."""

    sent_on: datetime.date | None
    due_by: datetime.date
    notice_months: int
    is_late: bool  # sent, but less than the notice period before the end
    is_overdue: bool  # not sent, and the last day for it has passed while the grant runs


def notice_status(award: Award, *, today: datetime.date | None = None) -> NoticeStatus:
    today = today or timezone.localdate()
    due_by = notice_due_by(award)
    sent_on = award.end_notice_sent_on
    return NoticeStatus(
        sent_on=sent_on,
        due_by=due_by,
        notice_months=award.programme.notice_months,
        is_late=sent_on is not None and sent_on > due_by,
        is_overdue=sent_on is None and award.status == AwardStatus.ACCEPTED and today > due_by,
    )


def _awards_needing_notice(today: datetime.date) -> list[Award]:
    longest_notice = Programme.objects.aggregate(longest=Max("notice_months"))["longest"] or 0
    furthest_end = add_months(today, longest_notice) + datetime.timedelta(days=notice_lead_days())
    candidates = Award.objects.filter(
        status=AwardStatus.ACCEPTED,
        end_notice_sent_on__isnull=True,
        ends_on__gte=today,
        ends_on__lte=furthest_end,
    ).select_related("programme", "organisation")
    return [award for award in candidates if in_notice_window(award, today)]


def send_end_of_funding_notices(*, today: datetime.date | None = None) -> int:
    """Tells each accepted award's organisation, once, that its funding ends; returns how many were told."""
    today = today or timezone.localdate()
    sent = 0
    for candidate in _awards_needing_notice(today):
        with transaction.atomic():
            award = (
                Award.objects.select_for_update(of=("self",))
                .select_related("programme", "organisation")
                .filter(pk=candidate.pk, status=AwardStatus.ACCEPTED, end_notice_sent_on__isnull=True)
                .first()
            )
            if award is None:  # sent by another run, or the award changed, since the list was read
                continue
            award.end_notice_sent_on = today
            attribute(award, by=None, reason=f"End-of-funding notice sent: funding ends on {award.ends_on:%-d %B %Y}")
            award.save(update_fields=["end_notice_sent_on"])
        email_administrators(
            award,
            subject=f"Your grant {award.reference} ends on {award.ends_on:%-d %B %Y}",
            body=(
                f"This is notice that the funding of {award.organisation} under {award.programme} "
                f"({award.reference}: {award.title}) ends on {award.ends_on:%-d %B %Y}.\n\n"
                f"The Compact's funding code asks funders to give at least {award.programme.notice_months} "
                "months' notice before funding ends, so you can plan for it. Your final monitoring return "
                "will be due after the end date.\n\n"
                f"See the grant's details: {absolute_url(award.get_absolute_url())}\n"
            ),
        )
        sent += 1
    return sent
