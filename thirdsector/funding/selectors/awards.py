"""Reads for the award pages, shaped so each page runs a fixed number of queries."""

from django.db.models import Prefetch

from ..models import Application, Award, MonitoringReturn, Payment, Recovery, Variation


def award_for_page(reference: str) -> Award:
    """The award with everything its page shows; raises Award.DoesNotExist."""
    return (
        Award.objects.select_related("programme", "organisation", "round", "application", "approved_by", "accepted_by")
        .prefetch_related(
            "years",
            Prefetch("variations", queryset=Variation.objects.select_related("requested_by", "decided_by")),
            Prefetch("recoveries", queryset=Recovery.objects.select_related("recorded_by")),
            Prefetch("payments", queryset=Payment.objects.select_related("raised_by", "approved_by")),
            Prefetch("returns", queryset=MonitoringReturn.objects.select_related("submitted_by", "reviewed_by")),
        )
        .get(reference=reference)
    )


def published_award(reference: str, *, today) -> Award:
    """An award the public may see: published on or before `today`. Raises Award.DoesNotExist."""
    return (
        Award.objects.select_related("programme", "organisation")
        .prefetch_related("years")
        .get(reference=reference, published_on__isnull=False, published_on__lte=today)
    )


def application_for_award(reference: str) -> Application:
    return Application.objects.select_related("round__programme", "organisation").get(reference=reference)
