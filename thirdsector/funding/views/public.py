"""Public funding pages, no sign-in needed: open rounds, a round, published awards, the programmes."""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from thirdsector.accounts.access import public

from ..models import Programme, Round
from ..permissions import runs_programme
from ..selectors.lists import PUBLISHED_AWARD_COLUMNS, published_awards_list
from ..selectors.programmes import eligibility_summary, open_rounds, public_programmes, round_for_page
from .lists import filtered_list


def _rules_of(programme: Programme):
    try:
        return programme.eligibility
    except Programme.eligibility.RelatedObjectDoesNotExist:
        return None


@public
def open_round_list(request):
    today = timezone.localdate()
    rounds = [
        {
            "round": round_,
            "open_now": round_.opens_on <= today,
            "summary": eligibility_summary(_rules_of(round_.programme)),
        }
        for round_ in open_rounds(today=today)
    ]
    return render(request, "funding/public/open_rounds.html", {"rounds": rounds, "today": today})


@public
def round_detail(request, pk: int):
    """A published round for everyone; an unpublished one only for the staff who run its programme."""
    try:
        round_ = round_for_page(pk)
    except Round.DoesNotExist as error:
        raise Http404 from error
    staff = runs_programme(request.user, round_.programme)
    if not round_.is_published and not staff:
        raise Http404
    today = timezone.localdate()
    return render(
        request,
        "funding/public/round_detail.html",
        {
            "round": round_,
            "programme": round_.programme,
            "summary": eligibility_summary(_rules_of(round_.programme)),
            "open_now": round_.is_open_on(today) and not round_.programme.is_closed,
            "is_programme_staff": staff,
        },
    )


@public
def published_award_list(request):
    today = timezone.localdate()
    return filtered_list(
        request,
        kind="published",
        title="Published grants",
        noun="grant",
        select=lambda filters: published_awards_list(filters, today=today),
        columns=PUBLISHED_AWARD_COLUMNS,
        programmes=Programme.objects.order_by("name"),
        template="funding/public/published_awards.html",
    )


@public
def programme_overview(request):
    return render(request, "funding/public/programmes.html", {"programmes": public_programmes()})
