"""Who may use which view, declared on the view itself.

Every view in the project is wrapped in exactly one of these decorators, so a reader sees at the top
of each view who may use it, and `tests/test_every_view_declares_access.py` checks none is missing.
Object-level rules (may this person edit that organisation?) live here too, so there is one place
to read them.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from .roles import MEMBERSHIP_ROLES_THAT_EDIT, MembershipRole, Role

STAFF_ROLES = (Role.DEPARTMENT_STAFF, Role.PLATFORM_ADMIN)
# The Commissioner sees everything and changes nothing but its own reviews.
OVERSIGHT_ROLES = (*STAFF_ROLES, Role.COMMISSIONER)


def _declare(view: Callable, description: str) -> Callable:
    view.access = description
    return view


def public(view: Callable) -> Callable:
    """Anyone, signed in or not."""
    return _declare(view, "public")


def signed_in(view: Callable) -> Callable:
    """Anyone signed in; object-level checks happen inside the view."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return _declare(wrapper, "signed in")


def roles_required(*roles: str) -> Callable[[Callable], Callable]:
    """Only people holding one of `roles`; others get 403, the public is asked to sign in."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not request.user.has_role(*roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return _declare(wrapper, "roles: " + ", ".join(sorted(roles)))

    return decorator


staff_only = roles_required(*STAFF_ROLES)
oversight_only = roles_required(*OVERSIGHT_ROLES)


def is_staff(user) -> bool:
    return user.is_authenticated and user.has_role(*STAFF_ROLES)


def can_see_history(user) -> bool:
    return user.is_authenticated and user.has_role(*OVERSIGHT_ROLES)


def can_edit_organisation(user, organisation) -> bool:
    """Staff edit any organisation; members with an editing role edit their own."""
    if not user.is_authenticated:
        return False
    if is_staff(user):
        return True
    return user.memberships.filter(organisation_id=organisation.pk, role__in=MEMBERSHIP_ROLES_THAT_EDIT).exists()


def can_manage_members(user, organisation) -> bool:
    """Staff, and the organisation's own administrators, decide who belongs to it."""
    if not user.is_authenticated:
        return False
    if is_staff(user):
        return True
    return user.memberships.filter(organisation_id=organisation.pk, role=MembershipRole.ADMINISTRATOR).exists()
