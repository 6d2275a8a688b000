"""Who may use the API, declared on each view as the HTML views declare it with decorators.

DRF views do not go through `thirdsector.accounts.access`'s decorators, so each viewset names its
access in an `access` attribute, and `as_view()` copies it onto the view function every URL pattern
points at: the project-wide check reads `callback.access` for DRF and plain views alike.
"""

from django.utils.decorators import classonlymethod
from rest_framework.parsers import JSONParser
from rest_framework.permissions import SAFE_METHODS, BasePermission, IsAuthenticatedOrReadOnly
from rest_framework.viewsets import GenericViewSet

from thirdsector.accounts.access import STAFF_ROLES, is_staff
from thirdsector.core.api_conditional import ConditionalReadsMixin
from thirdsector.core.api_pagination import KeysetPagination

PUBLIC_READ_ONLY = "public"
PUBLIC_READ_STAFF_WRITE = "public read; roles that write: " + ", ".join(sorted(STAFF_ROLES))


class StaffMayWrite(BasePermission):
    """Anyone may read; only department staff and platform admins may change the register."""

    message = "Only department staff and platform admins may change the register"

    def has_permission(self, request, view) -> bool:
        return request.method in SAFE_METHODS or is_staff(request.user)


class RegisterApiViewSet(ConditionalReadsMixin, GenericViewSet):
    """What every API viewset shares: authentication, permission, throttling, paging, conditional reads, access.

    Authentication and rate limits are REST_FRAMEWORK's defaults in settings: a token first, so an
    anonymous write is answered 401 with `WWW-Authenticate: Token`, telling a machine client what to
    send; then a machine client's API key (read-only, at the key's rate); then the session.
    IsAuthenticatedOrReadOnly gives that 401 (and tells the schema that reads need no sign-in),
    StaffMayWrite the 403 for everyone else signed in. Bodies are JSON only. Reads carry ETag and
    Last-Modified and answer 304 (core/api_conditional.py).
    """

    access: str = ""
    permission_classes = [IsAuthenticatedOrReadOnly, StaffMayWrite]
    parser_classes = [JSONParser]
    pagination_class = KeysetPagination
    filter_backends: list = []

    @classonlymethod
    def as_view(cls, actions=None, **initkwargs):
        if not cls.access:
            raise TypeError(f"{cls.__name__} must declare who may use it in `access`")
        view = super().as_view(actions, **initkwargs)
        view.access = cls.access
        return view
