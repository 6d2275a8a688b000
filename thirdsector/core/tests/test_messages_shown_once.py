"""A message (“Item deferred”) is shown once, by the layout: a page that included the messages again showed
each banner twice, with the same ids, because a request's messages can be read more than once."""

from pathlib import Path

from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.template.loader import render_to_string
from django.test import RequestFactory

TEMPLATES = Path(__file__).resolve().parents[2]


def test_only_the_layout_includes_the_messages():
    including = [
        str(path.relative_to(TEMPLATES))
        for path in TEMPLATES.glob("*/templates/**/*.html")
        if "components/messages.html" in path.read_text() and path.name != "base.html"
    ]
    assert including == []


def test_a_page_shows_a_message_once(db):
    request = RequestFactory().get("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    request.user = AnonymousUser()
    messages.success(request, "Item deferred")
    html = render_to_string("core/healthcheck.html", request=request)
    assert html.count("Item deferred") == 1
