"""The register's pages at 200,000 organisations, measured through the whole Django stack.

Run by bench/run.sh, which chooses the database, migrates it and loads the scale data; see
docs/benchmarks.md for what each figure means.

Each request goes through Django's WSGI handler as a server would send it (URL routing, every
middleware, sessions, authentication, template rendering, persistent database connections), and
the response is read to the end. Figures go to standard output, one line each:

    <name> median_ms=<x> p95_ms=<y>
    charity_import rows_per_s=<n>

Progress and the check against the goals go to standard error.
"""

import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from io import BytesIO
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thirdsector.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.handlers.wsgi import WSGIHandler  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.http import QueryDict  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402
from django_otp import DEVICE_ID_SESSION_KEY  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from thirdsector.accounts.models import User  # noqa: E402
from thirdsector.register.forms import OrganisationSearchForm  # noqa: E402
from thirdsector.register.models import Area, AreaType, Organisation, OrganisationKind  # noqa: E402
from thirdsector.register.scale_data import scale_organisations_present, write_charity_extract  # noqa: E402
from thirdsector.register.selectors import organisation_page, search_organisations  # noqa: E402
from thirdsector.register.size_bands import SizeBand  # noqa: E402

ORGANISATIONS = int(os.environ.get("BENCH_ORGANISATIONS", "200000"))
IMPORT_ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", "200000"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "60"))
WARM_UP = 10
SEED = 2026

# Words people type: single common words, two words, a place and a word, a word's beginning.
SEARCH_WORDS = [
    "community",
    "youth club",
    "leeds tenants",
    "food",
    "arts trust",
    "mental health",
    "birmingham community",
    "carers",
    "women's group",
    "heritage society",
    "advice centre",
    "sheffield",
    "allotment",
    "credit union",
    "refug",
    "manchester youth",
]
LIST_KINDS = [
    OrganisationKind.REGISTERED_CHARITY,
    OrganisationKind.CIO,
    OrganisationKind.COMMUNITY_GROUP,
    OrganisationKind.CIC,
]
LIST_SIZE_BANDS = [SizeBand.MICRO, SizeBand.SMALL, SizeBand.MEDIUM, SizeBand.LARGE]
STAFF_EMAIL = "bench-admin@bench.thirdsector.example"


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


class WsgiClient:
    """Sends GET requests to Django's WSGI application the way a WSGI server would."""

    def __init__(self, cookie: str = ""):
        self.handler = WSGIHandler()
        self.cookie = cookie

    def get(self, url: str) -> bytes:
        path, _, query = url.partition("?")
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "SERVER_NAME": "testserver",
            "SERVER_PORT": "80",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "127.0.0.1",
            "HTTP_HOST": "testserver",
            "HTTP_ACCEPT": "text/html,application/json",
            "wsgi.version": (1, 0),
            "wsgi.url_scheme": "http",
            "wsgi.input": BytesIO(),
            "wsgi.errors": sys.stderr,
            "wsgi.multithread": False,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
        }
        if self.cookie:
            environ["HTTP_COOKIE"] = self.cookie
        status = []
        response = self.handler(environ, lambda code, headers, exc_info=None: status.append(code))
        try:
            body = b"".join(response)
        finally:
            if hasattr(response, "close"):
                response.close()
        if not status[0].startswith("200"):
            raise RuntimeError(f"GET {url} answered {status[0]}")
        return body


def measure(name: str, client: WsgiClient, urls: list[str]) -> float:
    """Warms up, then times REQUESTS requests cycling through `urls`; prints and returns the median."""
    for number in range(WARM_UP):
        client.get(urls[number % len(urls)])
    timings = []
    for number in range(REQUESTS):
        url = urls[number % len(urls)]
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    median = statistics.median(timings)
    p95 = statistics.quantiles(timings, n=100, method="inclusive")[94]
    print(f"{name} median_ms={median:.1f} p95_ms={p95:.1f}", flush=True)
    return median


def skipped(name: str, reason: str) -> None:
    print(f"{name} skipped reason={reason}", flush=True)


def check_database() -> None:
    """run.sh has migrated the database and loaded the scale data."""
    log(f"Database {connection.settings_dict['NAME']} on {connection.settings_dict['HOST'] or 'localhost'}")
    present = scale_organisations_present()
    if present < ORGANISATIONS:
        raise SystemExit(f"Only {present:,} scale organisations: run bench/run.sh, which loads {ORGANISATIONS:,}")
    log(f"The register holds {Organisation.objects.count():,} organisations")


def staff_session_cookie() -> str:
    """A platform admin (Django admin staff) signed in with a verified second factor, as in conftest."""
    user = User.objects.filter(email=STAFF_EMAIL).first()
    if user is None:
        user = User.objects.create_superuser(email=STAFF_EMAIL, password=None, full_name="Bench Admin")
    device = user.totpdevice_set.first() or TOTPDevice.objects.create(user=user, name="Bench", confirmed=True)
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def search_urls(path: str) -> list[str]:
    return [f"{path}?{urlencode({'q': words})}" for words in SEARCH_WORDS]


def list_urls(rng: random.Random) -> list[str]:
    """Kind, size and an area: an English region (the widest) or a council; the first page of each."""
    regions = list(Area.objects.filter(area_type=AreaType.REGION).order_by("gss_code").values_list("pk", flat=True))
    councils = list(
        Area.objects.filter(is_current=True, organisations_based__isnull=False)
        .exclude(area_type__in=[AreaType.REGION, AreaType.COMBINED, AreaType.STRATEGIC_REGIONAL])
        .distinct()
        .order_by("gss_code")
        .values_list("pk", flat=True)
    )
    urls = []
    for number in range(REQUESTS):
        area = rng.choice(regions) if number % 2 == 0 else rng.choice(councils)
        query = {"kind": rng.choice(LIST_KINDS), "size_band": rng.choice(LIST_SIZE_BANDS), "area": area}
        urls.append(f"/organisations/?{urlencode(query)}")
    return urls


def detail_urls(rng: random.Random) -> list[str]:
    highest = Organisation.objects.order_by("-pk").values_list("pk", flat=True).first()
    ids = set(Organisation.objects.filter(pk__in=rng.sample(range(1, highest + 1), 400)).values_list("pk", flat=True))
    return [f"/organisations/{pk}/" for pk in sorted(ids)][:REQUESTS]


def api_list_urls() -> list[str] | None:
    try:
        path = reverse("register_api:organisation-list")
    except NoReverseMatch:
        return None
    return [path, f"{path}?{urlencode({'kind': OrganisationKind.CIO})}", *search_urls(path)[:4]]


def charity_import(rows: int) -> float | None:
    """Rows per second imported from an extract of `rows` rows; the import is rolled back afterwards."""
    try:
        from thirdsector.register.services.charity_import import import_charity_register
    except ImportError as error:
        skipped("charity_import", f"the import service is not there ({error})")
        return None
    with tempfile.TemporaryDirectory(prefix="ts_bench_") as directory:
        path = Path(directory) / "publicextract.charity.txt"
        log(f"Writing a Charity Commission extract of {rows:,} rows ...")
        write_charity_extract(path, rows=rows)
        log("Importing it ...")
        with transaction.atomic():
            started = time.perf_counter()
            result = import_charity_register(source=path, by=None, keep_valid_rows=True)
            elapsed = time.perf_counter() - started
            # Rolled back, so the register stays as generated and a kept database gives the same figures next time.
            transaction.set_rollback(True)
    log(
        f"  {result.status}: {result.created:,} created, {result.updated:,} updated, {result.unchanged:,} unchanged, "
        f"{result.linked_skipped:,} linked rows skipped, {result.rejected:,} rejected, in {elapsed:.1f}s"
    )
    rate = rows / elapsed
    print(f"charity_import rows_per_s={rate:.0f}", flush=True)
    return rate


def check_pages_show_what_the_plain_query_shows(urls: list[str]) -> None:
    """The register page reads its rows in its own ways at scale (selectors.organisation_page): each
    measured page must show exactly the organisations, in the order, of the plain queryset the API uses."""
    for url in urls:
        form = OrganisationSearchForm(QueryDict(url.partition("?")[2]))
        if not form.is_valid():
            raise RuntimeError(f"{url}: {form.errors.as_text()}")
        filters = form.filters()
        page = organisation_page(filters, 1, per_page=settings.REGISTER_PAGE_SIZE)
        plain = list(search_organisations(filters).values_list("pk", flat=True)[: settings.REGISTER_PAGE_SIZE])
        if [organisation.pk for organisation in page] != plain:
            raise RuntimeError(f"{url} shows other organisations than search_organisations gives")


def rendering_only(client: WsgiClient, urls: list[str]) -> float:
    """The list page with its results already in memory: what the page costs with no database work.

    The view is given the first list URL's page, read once, for every request; everything else
    (middleware, form, template) runs as measured above. This is the floor the register's own
    reading cannot go below, so it says how much of the 3 x goal is left for the database.
    """
    from thirdsector.register.views import search as search_view

    form = OrganisationSearchForm(QueryDict(urls[0].partition("?")[2]))
    form.is_valid()
    page = organisation_page(form.filters(), 1, per_page=settings.REGISTER_PAGE_SIZE)
    reading = search_view.organisation_page
    search_view.organisation_page = lambda *args, **kwargs: page
    try:
        return measure("register_list_rendering_only", client, urls)
    finally:
        search_view.organisation_page = reading


def check_goals(medians: dict[str, float]) -> bool:
    baseline = medians["baseline_trivial_page"]
    ok = True
    for name in ("register_search", "register_list"):
        within = medians[name] <= 3 * baseline and medians[name] < 150
        ok &= within
        log(f"goal {name}: {medians[name]:.1f} ms <= 3 x baseline ({3 * baseline:.1f} ms) and < 150 ms: {within}")
    ratio = medians["admin_changelist_search"] / medians["register_search"]
    log(f"goal admin_changelist_search / register_search = {ratio:.1f} >= 5: {ratio >= 5}")
    floor = medians["register_list_rendering_only"] / baseline
    log(f"register_list_rendering_only = {floor:.1f} x baseline, before any database work")
    return ok and ratio >= 5


def main() -> int:
    if settings.DEBUG:
        raise SystemExit("Run with DJANGO_DEBUG=false: with DEBUG on, Django keeps every query and pages slow down")
    started = time.perf_counter()
    check_database()
    rng = random.Random(SEED)
    public = WsgiClient()
    staff = WsgiClient(cookie=staff_session_cookie())
    figures: list[tuple[str, WsgiClient, Callable[[], list[str] | None]]] = [
        ("baseline_trivial_page", public, lambda: ["/healthcheck/"]),
        ("register_search", public, lambda: search_urls("/organisations/")),
        ("register_list", public, lambda: list_urls(rng)),
        ("register_detail", public, lambda: detail_urls(rng)),
        ("api_list", public, api_list_urls),
        ("admin_changelist_search", staff, lambda: search_urls("/admin/register/organisation/")),
    ]
    chosen = {name: urls() for name, _, urls in figures}
    log("Checking the pages measured show the same organisations as the plain query ...")
    check_pages_show_what_the_plain_query_shows(chosen["register_search"] + chosen["register_list"])
    log(f"Measuring, load average {os.getloadavg()[0]:.1f} ...")
    medians = {}
    for name, client, _ in figures:
        if chosen[name] is None:
            skipped(name, "the API has no organisation list at /api/v1/organisations/ yet")
            continue
        medians[name] = measure(name, client, chosen[name])
    medians["register_list_rendering_only"] = rendering_only(public, chosen["register_list"])
    charity_import(IMPORT_ROWS)
    met = check_goals(medians)
    elapsed, load = time.perf_counter() - started, os.getloadavg()[0]
    log(f"Finished in {elapsed:.0f}s (load average {load:.1f}); goals {'met' if met else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
