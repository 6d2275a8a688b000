"""Demo accessible format requests at every stage, one of them overdue, so the staff queue has work in it."""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from ..models import FormatRequest
from ..services.format_requests import advance, request_format

User = get_user_model()

# (page path, title, format, name, contact, days ago, steps taken, reason)
REQUESTS = (
    ("/open-data/", "Open data", "easy_read", "Ali Reader", {"email": "ali.reader@demo.example"}, 1, (), ""),
    ("/compact/statistics/", "Compact statistics", "large_print", "Sam Print",
     {"postal_address": "4 Mill Lane\nLeeds\nLS6 2AB"}, 30, (), ""),
    ("/compact/consultations/", "Open consultations", "audio", "Jo Listener", {"phone": "0113 496 0123"}, 5,
     ("start",), "Recording booked"),
    ("/partnerships/minutes/", "Board minutes", "welsh", "Rhys Jones", {"email": "rhys.jones@demo.example"}, 20,
     ("start", "mark_sent"), "Translation sent by email"),
    ("/measures/public/", "How the strategy is doing", "braille", "Pat Touch",
     {"postal_address": "9 Chapel Row\nYork\nYO1 7HH"}, 15, ("decline",),
     "The page is a live dashboard of figures; we have sent its figures as a Braille table instead of the charts"),
)  # fmt: skip


def load_format_requests() -> None:
    _load_format_requests()


@transaction.atomic
def _load_format_requests() -> None:
    if FormatRequest.objects.exists():
        return
    staff = User.objects.filter(email="staff@demo.thirdsector.example").first()
    if staff is None:
        return
    now = timezone.now()
    for path, title, file_format, name, contact, days_ago, steps, reason in REQUESTS:
        made = request_format(
            page_path=path, page_title=title, format=file_format, name=name,
            requested_at=now - datetime.timedelta(days=days_ago), **contact,
        )  # fmt: skip
        for step in steps:
            advance(format_request=made, step=step, by=staff, reason=reason)
