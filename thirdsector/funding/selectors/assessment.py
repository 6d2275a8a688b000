"""Reads for assessment pages: the conflict-of-interest wall, assessors' lists and moderation.

The wall: an assessor sees an application only once they have declared no conflict of interest on it.
`assignment_for_assessor` is the one place that decides, so every page an assessor opens on an
application (the scoring page here, the application page elsewhere) refuses in the same way:
not assigned (or removed) → `AssessorAssignment.DoesNotExist` (404, existence is private);
a conflict declared → `ConflictOfInterestDeclared` (403); nothing declared yet → `InterestsNotDeclared`
(the page sends them to the declaration).
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet

from thirdsector.accounts.models import User
from thirdsector.accounts.roles import Role

from ..models import Application, AssessorAssignment, AssignmentStatus, Criterion, Score

# The states in which the assessor has declared no conflict and may read the application.
OPEN_TO_THE_ASSESSOR = (AssignmentStatus.CLEAR, AssignmentStatus.COMPLETED)


class ConflictOfInterestDeclared(PermissionDenied):
    """The assessor declared a conflict of interest: they may never open this application."""


class InterestsNotDeclared(Exception):
    """The assessor has not yet said whether they have a conflict of interest."""

    def __init__(self, assignment: AssessorAssignment):
        self.assignment = assignment
        super().__init__("Declare whether you have a conflict of interest first.")


def wide_spread() -> int:
    """The spread (in points) at which moderation flags a criterion; see settings.py."""
    return getattr(settings, "FUNDING_MODERATION_WIDE_SPREAD", 2)


def _assignments() -> QuerySet[AssessorAssignment]:
    return AssessorAssignment.objects.select_related(
        "assessor", "application__organisation", "application__round__programme"
    )


def check_the_wall(assignment: AssessorAssignment) -> AssessorAssignment:
    """Returns the assignment if its assessor may read the application, else raises (see module)."""
    if assignment.status == AssignmentStatus.REMOVED:
        raise AssessorAssignment.DoesNotExist
    if assignment.status == AssignmentStatus.CONFLICTED:
        raise ConflictOfInterestDeclared("You declared a conflict of interest on this application.")
    if assignment.status == AssignmentStatus.AWAITING_DECLARATION:
        raise InterestsNotDeclared(assignment)
    return assignment


def assignment_for_assessor(*, application_reference: str, user) -> AssessorAssignment:
    """The user's assignment to the application, only if they are its assessor and declared no conflict."""
    if user is None or not user.is_authenticated:
        raise AssessorAssignment.DoesNotExist
    assignment = _assignments().get(application__reference=application_reference, assessor=user)
    return check_the_wall(assignment)


def application_for_assessor(*, application_reference: str, user) -> Application:
    """The application behind `assignment_for_assessor`, for pages that need only the application."""
    return assignment_for_assessor(application_reference=application_reference, user=user).application


def assignment_of(*, pk: int, user) -> AssessorAssignment:
    """The user's own assignment by its number, whatever its state (the declaration page needs them all).

    Someone else's assignment, or one the user was removed from, does not exist for them.
    """
    return _assignments().exclude(status=AssignmentStatus.REMOVED).get(pk=pk, assessor=user)


def assignments_for_assessor(user) -> QuerySet[AssessorAssignment]:
    """The assessor's list: every assignment not removed, newest first, read in one query."""
    return _assignments().filter(assessor=user).exclude(status=AssignmentStatus.REMOVED).order_by("-assigned_at", "-id")


def assignments_for_application(application: Application) -> list[AssessorAssignment]:
    """Every assignment on the application (removed ones too, so staff see the whole record)."""
    return list(AssessorAssignment.objects.filter(application=application).select_related("assessor"))


def assessor_choices(application: Application) -> QuerySet[User]:
    """People holding the assessor role who have never been assigned to this application."""
    return (
        User.objects.filter(role_grants__role=Role.ASSESSOR, is_active=True)
        .exclude(assignments__application=application)
        .order_by("full_name", "email")
        .distinct()
    )


def criteria_of(application: Application) -> list[Criterion]:
    return list(application.round.programme.criteria.all())


def application_for_staff(reference: str) -> Application:
    return Application.objects.select_related("organisation", "round__programme", "decided_by").get(reference=reference)


# Moderation arithmetic, kept apart from the database so it can be checked on its own.


def spread(scores: list[int]) -> int | None:
    """The gap between the highest and lowest score; None when nobody has scored."""
    return max(scores) - min(scores) if scores else None


def weighted_total(scores: dict[int, int], weights: dict[int, int]) -> int:
    """Σ score × weight over the criteria (keyed by criterion); an unscored criterion counts 0."""
    return sum(scores.get(criterion, 0) * weight for criterion, weight in weights.items())


def maximum_weighted_total(maxima: dict[int, int], weights: dict[int, int]) -> int:
    return sum(maxima[criterion] * weight for criterion, weight in weights.items())


def as_percentage(total: Decimal | int, maximum: int) -> Decimal | None:
    """`total` as a percentage of `maximum`, to one decimal place."""
    if not maximum:
        return None
    return (Decimal(total) * 100 / maximum).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def mean(values: list[int]) -> Decimal | None:
    return Decimal(sum(values)) / len(values) if values else None


@dataclass(frozen=True)
class CriterionRow:
    criterion: Criterion
    scores: list[Score | None]  # one per assessor column, None where that assessor gave no score
    spread: int | None
    is_wide: bool


@dataclass(frozen=True)
class AssessorColumn:
    assignment: AssessorAssignment
    weighted_total: int
    percentage: Decimal | None


@dataclass(frozen=True)
class Moderation:
    columns: list[AssessorColumn]
    rows: list[CriterionRow]
    maximum_total: int
    mean_total: Decimal | None
    mean_percentage: Decimal | None
    wide_spread: int
    scoring: list[AssessorAssignment]  # assessors still scoring, whose drafts are not counted

    @property
    def wide_count(self) -> int:
        return sum(row.is_wide for row in self.rows)


def moderation(application: Application) -> Moderation:
    """Every submitted score side by side: per criterion the spread, per assessor the weighted total.

    Only submitted (completed) assessments count; drafts can still change and conflicted assessors
    have no scores. Four queries whatever the number of assessors and criteria.
    """
    criteria = criteria_of(application)
    assignments = list(
        AssessorAssignment.objects.filter(
            application=application, status__in=[AssignmentStatus.COMPLETED, AssignmentStatus.CLEAR]
        )
        .select_related("assessor")
        .prefetch_related(Prefetch("scores", queryset=Score.objects.all()))
    )
    completed = [a for a in assignments if a.status == AssignmentStatus.COMPLETED]
    scoring = [a for a in assignments if a.status == AssignmentStatus.CLEAR]
    weights = {c.pk: c.weight for c in criteria}
    maxima = {c.pk: c.maximum_score for c in criteria}
    maximum = maximum_weighted_total(maxima, weights)
    threshold = wide_spread()

    by_assessor = {a.pk: {s.criterion_id: s for s in a.scores.all()} for a in completed}
    rows = []
    for criterion in criteria:
        cells = [by_assessor[a.pk].get(criterion.pk) for a in completed]
        given = [cell.score for cell in cells if cell is not None]
        gap = spread(given)
        rows.append(CriterionRow(criterion, cells, gap, gap is not None and gap >= threshold))
    columns = []
    for assignment in completed:
        total = weighted_total({pk: s.score for pk, s in by_assessor[assignment.pk].items()}, weights)
        columns.append(AssessorColumn(assignment, total, as_percentage(total, maximum)))
    average = mean([column.weighted_total for column in columns])
    return Moderation(
        columns=columns,
        rows=rows,
        maximum_total=maximum,
        mean_total=average.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP) if average is not None else None,
        mean_percentage=as_percentage(average, maximum) if average is not None else None,
        wide_spread=threshold,
        scoring=scoring,
    )
