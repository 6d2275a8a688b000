"""Accessible formats: asking for a published page in another format, and staff seeing it through.

The page is named by its path on this site, as the footer link on every page passes it. Only a local
path is accepted (never another host, a scheme or a protocol-relative `//` address), and only one this
site answers; its title is read from the page itself, as the public sees it, so the request records
what the requester was looking at.
"""

import copy
import datetime
import html
import re
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.core.mail import send_mail
from django.http import Http404, HttpRequest, QueryDict
from django.urls import Resolver404, resolve
from django.utils import timezone

from thirdsector.core.audit import attribute
from thirdsector.core.workflow import TransitionRefused, take
from thirdsector.core.working_days import add_working_days

from ..models import FormatRequest
from ..models.format_requests import POSTED_FORMATS

_TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL | re.IGNORECASE)
STEPS = {"start": "Work started", "mark_sent": "Sent to the requester", "decline": "Declined"}


class FormatRequestError(Exception):
    """A request that cannot be accepted, with the reason in words the requester can act on."""


def local_path(value: str) -> str:
    """`value` if it is a path on this site (`/...`, not `//host`), else FormatRequestError."""
    value = (value or "").strip()
    parts = urlsplit(value)
    if (
        not value.startswith("/")
        or value.startswith("//")
        or "\\" in value
        or parts.scheme
        or parts.netloc
        or any(ord(character) < 32 for character in value)
    ):
        raise FormatRequestError("Choose a page on this site: the link must start with a single /.")
    return value


def _is_download(path: str, query: str) -> bool:
    """A file rather than a page (`grants.csv`, `?format=csv`): named by its path, never generated to read a title."""
    return "." in path.rsplit("/", 1)[-1] or "format" in QueryDict(query)


def page_title(request: HttpRequest, path: str, *, from_form: bool = False) -> str:
    """The title the public sees on the page at `path`; FormatRequestError if this site has no such page.

    The page is rendered as an anonymous visitor would see it. A page the public may not open (staff
    pages) and a download are named by their path: the one's title is not published, the other has none.
    """
    parts = urlsplit(local_path(path))
    try:
        match = resolve(parts.path)
    except Resolver404:
        raise FormatRequestError("We could not find that page on this site.") from None
    if match.view_name == "opendata:format-request-form":
        # The footer's link on this form itself: the page wanted is the one the form was opened for (once:
        # a form for a form for a form is named by its path).
        if from_form:
            return parts.path
        return page_title(request, QueryDict(parts.query).get("page", ""), from_form=True)
    if getattr(match.func, "access", None) != "public" or _is_download(parts.path, parts.query):
        return parts.path
    page = copy.copy(request)
    page.method = "GET"
    page.path = page.path_info = parts.path
    page.GET = QueryDict(parts.query)
    page.POST = QueryDict()
    page.user = AnonymousUser()
    try:
        response = match.func(page, *match.args, **match.kwargs)
    except (Http404, PermissionDenied, ObjectDoesNotExist):
        raise FormatRequestError("We could not find that page on this site.") from None
    if hasattr(response, "render"):
        response.render()
    if response.status_code != 200 or response.streaming or "html" not in response.get("Content-Type", ""):
        return parts.path
    found = _TITLE.search(response.content.decode(response.charset or "utf-8", errors="replace"))
    if not found:
        return parts.path
    title = html.unescape(" ".join(found.group(1).split()))
    return title.split(" – ")[0].removeprefix("Error: ").strip() or parts.path


def due_on(requested_on: datetime.date) -> datetime.date:
    return add_working_days(requested_on, settings.OPENDATA_FORMAT_REQUEST_WORKING_DAYS)


def request_format(
    *, page_path: str, page_title: str, format: str, name: str, email: str = "", phone: str = "",
    postal_address: str = "", needs: str = "", requested_at: datetime.datetime | None = None,
) -> FormatRequest:  # fmt: skip
    """Anyone asks for a page in another format; staff then track it until it is sent or declined.

    Due `OPENDATA_FORMAT_REQUEST_WORKING_DAYS` working days after `requested_at` (now, unless given).
    """
    if not (email.strip() or phone.strip() or postal_address.strip()):
        raise FormatRequestError("Enter an email address, telephone number or postal address so we can reach you.")
    if format in POSTED_FORMATS and not postal_address.strip():
        raise FormatRequestError("Enter the postal address we should send it to.")
    now = requested_at or timezone.now()
    made = FormatRequest(
        page_path=local_path(page_path),
        page_title=page_title[:300],
        format=format,
        name=name,
        email=email,
        phone=phone,
        postal_address=postal_address,
        needs=needs,
        requested_at=now,
        due_on=due_on(timezone.localdate(now)),
    )
    attribute(made, by=None, reason="Accessible format requested")
    made.save()
    _acknowledge(made)
    return made


def _tell(made: FormatRequest, subject: str, text: str) -> None:
    if made.email:
        send_mail(f"{subject} ({made.reference})", f"Dear {made.name},\n\n{text}\n", None, [made.email])


def _acknowledge(made: FormatRequest) -> None:
    _tell(
        made,
        "We have your request for an accessible format",
        f"We have your request for \u201c{made.page_title}\u201d as {made.get_format_display().lower()}. "
        f"Your reference is {made.reference}. We will send it by {made.due_on:%-d %B %Y}.",
    )


def advance(*, format_request: FormatRequest, step: str, by, reason: str = "") -> FormatRequest:
    """Takes a workflow step for staff, audited with `reason`; the requester hears when it is sent or declined."""
    if step not in STEPS:
        raise ValueError(step)
    reason = reason.strip()
    if step == "decline":
        if not reason:
            raise TransitionRefused("Write the reason for declining: the requester is told it.")
        take(format_request, step, by=by, reason=reason, decline_reason=reason)
    else:
        take(format_request, step, by=by, reason=reason or STEPS[step])
    if step == "mark_sent":
        _tell(
            format_request,
            "Your accessible format is on its way",
            f"We have sent \u201c{format_request.page_title}\u201d as {format_request.get_format_display().lower()}.",
        )
    if step == "decline":
        _tell(
            format_request,
            "About your request for an accessible format",
            f"We cannot send \u201c{format_request.page_title}\u201d as "
            f"{format_request.get_format_display().lower()}: {format_request.decline_reason}",
        )
    return format_request
