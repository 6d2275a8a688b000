"""Who may use the API, declared on each view as the HTML views declare it with decorators.

DRF views do not go through `thirdsector.accounts.access`'s decorators, so each viewset names its
access in an `access` attribute, and `as_view()` copies it onto the view function every URL pattern
points at: the project-wide check reads `callback.access` for DRF and plain views alike.
"""

from django.utils.decorators import classonlymethod
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.parsers import JSONParser
from rest_framework.permissions import SAFE_METHODS, BasePermission, IsAuthenticatedOrReadOnly
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle
from rest_framework.viewsets import GenericViewSet

from thirdsector.accounts.access import STAFF_ROLES, is_staff
from thirdsector.core.api_pagination import KeysetPagination

PUBLIC_READ_ONLY = "public"
PUBLIC_READ_STAFF_WRITE = "public read; roles that write: " + ", ".join(sorted(STAFF_ROLES))


class StaffMayWrite(BasePermission):
    """Anyone may read; only department staff and platform admins may change the register."""

    message = "Only department staff and platform admins may change the register"

    def has_permission(self, request, view) -> bool:
        return request.method in SAFE_METHODS or is_staff(request.user)


class RegisterApiViewSet(GenericViewSet):
    """What every register endpoint shares: authentication, permission, throttling, paging, access.

    Token authentication comes first so an anonymous write is answered 401 with
    `WWW-Authenticate: Token`, telling a machine client what to send; IsAuthenticatedOrReadOnly
    gives that 401 (and tells the schema that reads need no sign-in), StaffMayWrite the 403 for
    everyone else signed in. Bodies are JSON only. Throttle rates are
    REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] in settings (per address for the public, per person
    for those signed in).
    """

    access: str = ""
    authentication_classes = [TokenAuthentication, SessionAuthentication]
    permission_classes = [IsAuthenticatedOrReadOnly, StaffMayWrite]
    parser_classes = [JSONParser]
    throttle_classes = [AnonRateThrottle, UserRateThrottle]
    pagination_class = KeysetPagination
    filter_backends: list = []

    @classonlymethod
    def as_view(cls, actions=None, **initkwargs):
        if not cls.access:
            raise TypeError(f"{cls.__name__} must declare who may use it in `access`")
        view = super().as_view(actions, **initkwargs)
        view.access = cls.access
        return view
