"""Who may take each funding step: the permission checks the workflows name.

Programmes are run by department staff, or by fund administrators who belong to the outside body
that administers the programme for the department. Applicants act through their membership of the
applying organisation.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING

from thirdsector.accounts.access import STAFF_ROLES
from thirdsector.accounts.roles import MEMBERSHIP_ROLES_THAT_EDIT, MembershipRole, Role
from thirdsector.core.workflow import permission

if TYPE_CHECKING:
    from .models import Programme


def runs_programme(user, programme) -> bool:
    if user is None or not user.is_authenticated:
        return False
    if user.has_role(*STAFF_ROLES):
        return True
    return (
        user.has_role(Role.FUND_ADMINISTRATOR)
        and user.memberships.filter(organisation_id=programme.administering_body_id).exists()
    )


def programme_runner(user) -> Callable[["Programme"], bool]:
    """`runs_programme` for a page of many programmes: asks the database once, not once a row."""
    if user is None or not user.is_authenticated:
        return lambda programme: False
    if user.has_role(*STAFF_ROLES):
        return lambda programme: True
    if not user.has_role(Role.FUND_ADMINISTRATOR):
        return lambda programme: False
    bodies = set(user.memberships.values_list("organisation_id", flat=True))
    return lambda programme: programme.administering_body_id in bodies


def acts_for(user, organisation_id: int, *, roles=MEMBERSHIP_ROLES_THAT_EDIT) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return user.memberships.filter(organisation_id=organisation_id, role__in=roles).exists()


def sees_organisation_funding(user, organisation_id: int) -> bool:
    """Any member of an organisation (viewers too) sees its applications, grants and payments."""
    return acts_for(user, organisation_id, roles=list(MembershipRole))


@permission("department staff")
def department_staff(instance, user) -> bool:
    return user is not None and user.is_authenticated and user.has_role(*STAFF_ROLES)


@permission("the staff who run the programme")
def programme_staff(instance, user) -> bool:
    return runs_programme(user, instance.programme)


@permission("a member of the organisation who can edit its record")
def applicant(instance, user) -> bool:
    return acts_for(user, instance.organisation_id)


@permission("an administrator of the organisation")
def applicant_administrator(instance, user) -> bool:
    return acts_for(user, instance.organisation_id, roles=[MembershipRole.ADMINISTRATOR])


@permission("an applicant or the staff who run the programme")
def applicant_or_programme_staff(instance, user) -> bool:
    return applicant(instance, user) or programme_staff(instance, user)
