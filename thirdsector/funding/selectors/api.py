"""Who sees which funding records through the API, decided once per request.

The same rules as the pages: the staff who run a programme (department staff run every programme,
fund administrators the ones their body administers, see `selectors.programmes.programmes_run_by`)
see all of its records; members of an organisation (viewers too, as
`permissions.sees_organisation_funding`) see its applications and awards; everyone sees published
rounds and published awards. A `Viewer` holds the ids once, so a list costs the same whatever its rows.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from thirdsector.accounts.access import STAFF_ROLES
from thirdsector.accounts.roles import Role

from ..models import Application, Award, AwardYear, Programme, Round
from .programmes import programmes_run_by


@dataclass(frozen=True)
class Viewer:
    runs_every_programme: bool = False
    programme_ids: frozenset[int] = frozenset()
    organisation_ids: frozenset[int] = frozenset()

    def runs(self, programme_id: int) -> bool:
        return self.runs_every_programme or programme_id in self.programme_ids

    def sees_details_of(self, award: Award) -> bool:
        """The private fields of an award: for those who run its programme and its organisation's members."""
        return self.runs(award.programme_id) or award.organisation_id in self.organisation_ids


def viewer_of(user) -> Viewer:
    """The programmes `user` runs and the organisations they belong to: two small queries, or none."""
    if user is None or not user.is_authenticated:
        return Viewer()
    organisations = frozenset(user.memberships.values_list("organisation_id", flat=True))
    if user.has_role(*STAFF_ROLES):
        return Viewer(runs_every_programme=True, organisation_ids=organisations)
    programmes = frozenset()
    if user.has_role(Role.FUND_ADMINISTRATOR):
        programmes = frozenset(programmes_run_by(user).values_list("pk", flat=True))
    return Viewer(programme_ids=programmes, organisation_ids=organisations)


def api_programmes() -> QuerySet[Programme]:
    return Programme.objects.select_related("administering_body", "replaces")


def api_programme(slug: str) -> QuerySet[Programme]:
    return api_programmes().prefetch_related("budgets", "criteria").filter(slug=slug)


def visible_rounds(viewer: Viewer) -> QuerySet[Round]:
    """Published rounds for everyone; every round of the programmes the viewer runs."""
    queryset = Round.objects.select_related("programme")
    if viewer.runs_every_programme:
        return queryset
    return queryset.filter(Q(is_published=True) | Q(programme_id__in=viewer.programme_ids))


def visible_applications(viewer: Viewer) -> QuerySet[Application]:
    """The viewer's organisations' applications, and every application to a programme they run."""
    queryset = Application.objects.select_related("round", "round__programme", "organisation", "award")
    if viewer.runs_every_programme:
        return queryset
    if not viewer.programme_ids and not viewer.organisation_ids:
        return queryset.none()
    return queryset.filter(
        Q(organisation_id__in=viewer.organisation_ids) | Q(round__programme_id__in=viewer.programme_ids)
    )


def visible_awards(viewer: Viewer, *, today: datetime.date) -> QuerySet[Award]:
    """Awards published by today for everyone; all of the viewer's organisations' and programmes' awards."""
    queryset = Award.objects.select_related("programme", "round", "organisation", "application").prefetch_related(
        Prefetch("years", queryset=AwardYear.objects.order_by("financial_year"))
    )
    if viewer.runs_every_programme:
        return queryset
    published = Q(published_on__isnull=False, published_on__lte=today)
    if viewer.organisation_ids:
        published |= Q(organisation_id__in=viewer.organisation_ids)
    if viewer.programme_ids:
        published |= Q(programme_id__in=viewer.programme_ids)
    return queryset.filter(published)
