"""Settings for thirdsector, read from environment variables.

Defaults are safe for production: nothing is debug, cookies are secure and a secret key must be
given. `make run` and the tests set THIRDSECTOR_ENV to "development" or "test", which switches on
the conveniences of the embedded default (SQLite, console email, a known secret key).
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("THIRDSECTOR_VAR_DIR", BASE_DIR / "var"))

ENVIRONMENT = os.environ.get("THIRDSECTOR_ENV", "production")
if ENVIRONMENT not in {"production", "development", "test"}:
    raise ImproperlyConfigured("THIRDSECTOR_ENV must be production, development or test")
IS_PRODUCTION = ENVIRONMENT == "production"


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", ENVIRONMENT == "development")
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if IS_PRODUCTION:
        raise ImproperlyConfigured("Set DJANGO_SECRET_KEY in production")
    SECRET_KEY = "insecure-development-key-" + "x" * 40  # noqa: S105 - never used in production

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "" if IS_PRODUCTION else "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django.contrib.postgres",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "simple_history",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks_db",
    "thirdsector.core",
    "thirdsector.accounts",
    "thirdsector.register",
    "thirdsector.funding",
    "thirdsector.compact",
    "thirdsector.partnerships",
    "thirdsector.assets",
    "thirdsector.anchors",
    "thirdsector.commissioning",
    "thirdsector.opendata",
    "thirdsector.measures",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "thirdsector.accounts.middleware.SecondFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "thirdsector.urls"
WSGI_APPLICATION = "thirdsector.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "thirdsector.core.context_processors.service",
            ],
        },
    },
]
FORM_RENDERER = "thirdsector.core.forms.GovukFormRenderer"

# Database: SQLite is the embedded default; DATABASE_URL selects PostgreSQL (production, CI, scale).
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'thirdsector.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process read while the task worker writes; the timeout rides out short locks.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    if ENVIRONMENT == "test" and os.environ.get("THIRDSECTOR_TEST_SQLITE"):
        # A file for the test database, so `pytest --reuse-db` skips the migrations (minutes) on later runs.
        DATABASES["default"]["TEST"] = {"NAME": os.environ["THIRDSECTOR_TEST_SQLITE"]}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: shared between the web and worker processes (import progress and cancellation use it).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
elif ENVIRONMENT == "test":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

# Background tasks: Django's tasks framework. The database backend needs no extra service; the
# worker is `manage.py db_worker` (run as many as you like, on as many machines as you like).
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "TASKS_BACKEND",
            "django.tasks.backends.immediate.ImmediateBackend"
            if ENVIRONMENT == "test"
            else "django_tasks_db.DatabaseBackend",
        )
    }
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if ENVIRONMENT == "test":
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Sessions end after SESSION_COOKIE_AGE seconds (default 8 hours) and when the browser closes.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 60 * 60)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Failed sign-ins: after AXES_FAILURE_LIMIT failures for one email from one address, wait an hour.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(hours=1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "email"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "thirdsector.accounts.views.locked_out"
AXES_VERBOSE = False

OTP_TOTP_ISSUER = "thirdsector"

# Security: on in production, off for the embedded default served over plain HTTP on localhost.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", IS_PRODUCTION)
SESSION_COOKIE_SECURE = IS_PRODUCTION
CSRF_COOKIE_SECURE = IS_PRODUCTION
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000" if IS_PRODUCTION else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = IS_PRODUCTION
SECURE_HSTS_PRELOAD = IS_PRODUCTION
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("DJANGO_BEHIND_PROXY", False) else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [("govuk", BASE_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk")]
# GOV.UK Frontend's stylesheet refers to its fonts and images at /assets/...
WHITENOISE_ROOT = BASE_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if IS_PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Email: console for the embedded default, SMTP when EMAIL_HOST is set.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
elif ENVIRONMENT != "test":
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "thirdsector <no-reply@thirdsector.example>")
# The site's address, put before the links in emails (core.links.absolute_url), e.g. https://thirdsector.example.
# Outside production the local server's; in production it must be https, and if unset emails carry the
# path alone, never an address taken from a request's Host header.
SITE_URL = os.environ.get("SITE_URL", "" if IS_PRODUCTION else "http://127.0.0.1:8000").strip().rstrip("/")
if SITE_URL and IS_PRODUCTION and not SITE_URL.startswith("https://"):
    raise ImproperlyConfigured("SITE_URL must start with https:// in production")

REST_FRAMEWORK = {
    # Token first so an anonymous write's 401 says `WWW-Authenticate: Token`; then a machine client's key.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "thirdsector.core.api_authentication.ApiKeyAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    # Every API view is rate limited: the public by address, people by account, machine clients by key
    # at the key's own rate (core/api_throttling.py); 429 with Retry-After beyond it.
    "DEFAULT_THROTTLE_CLASSES": [
        "thirdsector.core.api_throttling.PublicRateThrottle",
        "thirdsector.core.api_throttling.PersonRateThrottle",
        "thirdsector.core.api_throttling.ApiKeyRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {"anon": "120/minute", "user": "600/minute"},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "thirdsector API",
    "DESCRIPTION": (
        "The register of third sector organisations, local authorities and public bodies, and the department's "
        "published funding, Compact, partnerships, assets, anchors and commissioning records.\n\n"
        "**Versions.** This is version 1, at `/api/v1/`. A path without a version (`/api/...`) is redirected "
        "permanently to `/api/v1/...` with its query string (301 for reads, 308 for writes).\n\n"
        "**Keys.** Anyone may read what is published without signing in. A machine client the department has "
        "issued a key sends it as `Authorization: Api-Key <key>`: it reads what the public reads, at its own "
        "rate limit. Staff and other people signed in use `Authorization: Token <key>` or their session.\n\n"
        "**Rate limits.** The public is limited by address, people by account, and a key by its own rate. "
        "Beyond the limit the answer is 429 with `Retry-After` in seconds.\n\n"
        "**Conditional requests.** Every successful read carries an `ETag` (a hash of the body); a single record "
        "that keeps an update time also carries `Last-Modified`. Send `If-None-Match` (or `If-Modified-Since`) "
        "and an unchanged answer is 304 with no body.\n\n"
        "**Pagination.** Lists are keyset pages: follow the `next` and `previous` links (the `cursor` "
        "parameter; `page_size` up to 100). Two exceptions: Open Referral UK's `/anchors/services` pages by "
        "`page` and `per_page` as that standard requires, and statistics endpoints answer one object of "
        "figures, not a list."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Every 2xx JSON response without a hand-written example gets one built from its schema.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "thirdsector.core.api_schema.add_examples",
    ],
    # Several models have a `status`; name each list of values after its model rather than a hash.
    "ENUM_NAME_OVERRIDES": {
        "OrganisationStatusEnum": "thirdsector.register.models.OrganisationStatus",
        "ProgrammeStatusEnum": "thirdsector.funding.models.ProgrammeStatus",
        "ApplicationStatusEnum": "thirdsector.funding.models.ApplicationStatus",
        "OrganisationKindEnum": "thirdsector.register.models.OrganisationKind",
        "BoardKindEnum": "thirdsector.partnerships.models.boards.BoardKind",
        "HelpKindEnum": "thirdsector.partnerships.models.capacity.HelpKind",
        "OpportunityKindEnum": "thirdsector.commissioning.models.plans.OpportunityKind",
        "TenureEnum": "thirdsector.assets.models.Tenure",
        "SizeBandEnum": "thirdsector.register.size_bands.SizeBand",
    },
}

SIMPLE_HISTORY_REVERT_DISABLED = True
# The reason for a change is kept whole: people write up to a few hundred characters of why, longer than
# django-simple-history's default 100-character column.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# Domain numbers (documented in README): how big an upload the register import accepts.
REGISTER_IMPORT_MAX_BYTES = int(os.environ.get("REGISTER_IMPORT_MAX_BYTES", str(200 * 1024 * 1024)))
REGISTER_PAGE_SIZE = 20
# Rows per page of the JSON API unless the caller asks for another size (1 to 100).
API_PAGE_SIZE = 20

# Funding
# Programme dashboards count payments falling due within this many days (default 30: a month's cash forecast).
FUNDING_PAYMENTS_DUE_WITHIN_DAYS = 30
# The public list of open rounds also shows published rounds opening within this many days (default 60,
# so organisations have two months to prepare).
FUNDING_ROUNDS_OPENING_SOON_DAYS = 60
# Rows per page on the staff lists and published awards (default 25).
FUNDING_LIST_PAGE_SIZE = 25
# Lists count matches exactly up to this many, then say "more than" (default 1,000: counting a million
# awards costs more than the rest of the page).
FUNDING_LIST_EXACT_COUNT_UP_TO = 1000
# Moderation flags a criterion whose assessors' scores differ by this many points or more (default 2:
# on a 0 to 5 scale a two-point gap means the assessors read the evidence differently).
FUNDING_MODERATION_WIDE_SPREAD = 2
# Proportionate monitoring: awards of this many pounds or less report once, at the end, with no progress
# returns (default £10,000: the Compact's funding code asks for lighter monitoring of small grants).
FUNDING_LIGHT_TOUCH_MAXIMUM = 10_000
# Largest document an applicant may attach (default 10 MB: enough for a scanned set of accounts, small
# enough to email to an assessor).
FUNDING_MAX_DOCUMENT_BYTES = int(os.environ.get("FUNDING_MAX_DOCUMENT_BYTES", str(10 * 1024 * 1024)))
# Where applicants' messages go until a member of staff has written on the application (default: the
# funding team's shared mailbox).
FUNDING_TEAM_EMAIL = os.environ.get("FUNDING_TEAM_EMAIL", "funding@thirdsector.example")
# Rows shown in each section of the applicant portal before "View all" (default 5: the portal is a summary).
FUNDING_PORTAL_SECTION_SIZE = 5
# The end-of-funding notice goes out this many days before the programme's notice period starts
# (default 14: so the Compact's three months' notice is met even if a daily run is missed or the post is slow).
FUNDING_NOTICE_LEAD_DAYS = 14
# Strategic partner status is granted for 3 years by default, the length of the core funding it opens.
FUNDING_PARTNER_STATUS_YEARS = 3
# Staff are warned 60 days before a partner's review date, time enough to review before status lapses.
FUNDING_PARTNER_REVIEW_WARNING_DAYS = 60

# The Compact
# A breach case is acknowledged within 5 working days of its report (default 5: the Compact's rule).
COMPACT_BREACH_ACKNOWLEDGE_WORKING_DAYS = 5
# The body answers a breach case within 20 working days of its report (default 20: the Compact's rule).
COMPACT_BREACH_RESPONSE_WORKING_DAYS = 20
# Breach cases per page on the staff list (default 25, as the funding lists).
COMPACT_BREACH_LIST_PAGE_SIZE = 25
# Compact training older than this many years no longer counts as completed (default 3: the Compact
# and its codes change, and a refresher every three years keeps policy and funding staff current).
COMPACT_TRAINING_VALID_YEARS = 3
# Policies per page on the proofing list (default 25, as the funding lists).
COMPACT_POLICY_LIST_PAGE_SIZE = 25
# A written consultation runs for at least this many weeks (default 12: the Compact's consultation code);
# a shorter one needs a recorded reason approved by a named senior official and counts as a Compact risk.
COMPACT_CONSULTATION_MINIMUM_WEEKS = 12
# The outcome of a consultation is published within this many weeks of closing (default 12: the standard
# DOMAIN.md holds bodies to); later ones are listed as overdue for staff.
COMPACT_OUTCOME_DUE_WEEKS = 12

# Partnerships: boards and meetings
# The Partnership Board has 15 to 20 members (DOMAIN.md, Governance); copied onto a board when it is
# created, so a later change does not rewrite a board already set up.
PARTNERSHIP_BOARD_MIN_MEMBERS = 15
PARTNERSHIP_BOARD_MAX_MEMBERS = 20
# Board papers are circulated at least this many working days before the meeting (default 5, DOMAIN.md);
# later circulation is allowed but flagged "late papers" with a reason.
PARTNERSHIP_PAPERS_WORKING_DAYS = 5
# A board meeting is quorate with at least this share of its members present, plus one (default: half
# the members plus one).
PARTNERSHIP_QUORUM_FRACTION = 0.5
# Largest board paper accepted (default 10 MB, as the funding documents).
PARTNERSHIP_PAPER_MAX_BYTES = 10 * 1024 * 1024
# Community Call for Action. The executive's 2 months to respond to the committee's report is statute
# (Local Government and Public Involvement in Health Act 2007); the others are service standards we set,
# not statute: the councillor decides within 20 working days, the committee decides whether to take a
# call up within 30 days of the referral, and reports within 90 days of accepting it.
PARTNERSHIP_CCFA_EXECUTIVE_RESPONSE_MONTHS = 2
PARTNERSHIP_CCFA_COUNCILLOR_WORKING_DAYS = 20
PARTNERSHIP_CCFA_COMMITTEE_DECISION_DAYS = 30
PARTNERSHIP_CCFA_COMMITTEE_REPORT_DAYS = 90
# Calls per page on the council's case list (default 25, as the breach case list).
PARTNERSHIP_CCFA_LIST_PAGE_SIZE = 25
# Items per page on the staff list of the boards' forward plans (default 25, as the other lists).
PARTNERSHIP_FORWARD_PLAN_PAGE_SIZE = 25
# Local partnerships. A Local Area Agreement has at most 35 improvement targets chosen from the national
# indicators (default 35, DOMAIN.md); a 36th is refused with the reason.
PARTNERSHIP_LAA_MAX_TARGETS = 35
# Rows per page on the LSP list and a council's engagement log (default 25, as the other lists).
PARTNERSHIP_LOCAL_PAGE_SIZE = 25
# Strategy progress. A progress report lists milestones falling due within this many days of its date
# (default 91, about a quarter: the Partnership Board meets quarterly, so until the next report).
PARTNERSHIP_PROGRESS_DUE_WITHIN_DAYS = 91
# Reports per page on the list of progress reports (default 25, as the other lists).
PARTNERSHIP_PROGRESS_PAGE_SIZE = 25

# Small grants through local funders (funding, regranting): allocation.
# Whole numbers (pounds or percent). Each value is copied onto a fund when it is set up, so changing one
# here never rewrites a fund under way.
# The least any local authority area receives (default £100,000): small councils still get a workable pot.
REGRANTING_FLOOR_PER_AREA = int(os.environ.get("REGRANTING_FLOOR_PER_AREA", "100000"))
# The share of its allocation a local funder keeps for running the grants (default 10%).
REGRANTING_ADMIN_SHARE_PERCENT = int(os.environ.get("REGRANTING_ADMIN_SHARE_PERCENT", "10"))
# The formula's weights in percent (default 50 population, 30 deprivation, 20 small groups); they add up to 100.
REGRANTING_WEIGHT_POPULATION = int(os.environ.get("REGRANTING_WEIGHT_POPULATION", "50"))
REGRANTING_WEIGHT_DEPRIVATION = int(os.environ.get("REGRANTING_WEIGHT_DEPRIVATION", "30"))
REGRANTING_WEIGHT_SMALL_GROUPS = int(os.environ.get("REGRANTING_WEIGHT_SMALL_GROUPS", "20"))
# A small group has an annual income under this (default £30,000, DOMAIN.md's small grants fund).
REGRANTING_SMALL_GROUP_INCOME_LIMIT = int(os.environ.get("REGRANTING_SMALL_GROUP_INCOME_LIMIT", "30000"))
# End grants are £250 to £5,000 (DOMAIN.md), and last 12 months by default (a short grant).
REGRANTING_END_GRANT_MINIMUM = int(os.environ.get("REGRANTING_END_GRANT_MINIMUM", "250"))
REGRANTING_END_GRANT_MAXIMUM = int(os.environ.get("REGRANTING_END_GRANT_MAXIMUM", "5000"))
REGRANTING_END_GRANT_MONTHS = int(os.environ.get("REGRANTING_END_GRANT_MONTHS", "12"))

# Small grants through local funders (funding, regranting): local funders' rounds and end grants.
# Small grants through local funders (funding, small grants): the department's view of end grants.
# Register characteristics counted on the small grants dashboard and public page, as (slug, label); default BME-led
# and user-led groups, the two the strategy names (first-time grantees are always counted as well).
SMALL_GRANTS_CHARACTERISTICS = (("bme-led", "BME-led"), ("user-led", "User-led"))
# End grants per page on the list of end grants (default 25, as the other funding lists).
SMALL_GRANTS_PAGE_SIZE = 25

# Community Asset Transfer Fund (assets).
# The programme (by slug) that is the Community Asset Transfer Fund: proposals are submitted to its open round
# and its administering body's fund administrators run it (default "community-asset-transfer-fund").
ASSETS_FUND_PROGRAMME_SLUG = "community-asset-transfer-fund"
# The capital grant a transfer proposal may ask for (defaults £150,000 to £1,000,000, as the fund's
# prospectus sets them; the programme's eligibility rules hold the same figures for the engine).
ASSETS_GRANT_MINIMUM = 150_000
ASSETS_GRANT_MAXIMUM = 1_000_000
# Years of post-transfer returns the organisation makes after legal completion (default 5: the fund asks
# for at least five years of reports on use, income and condition).
ASSETS_RETURN_YEARS = 5
# Days after each year since completion ends that its return is due (default 60: two months to gather the
# year's accounts and usage figures).
ASSETS_RETURN_DUE_DAYS = 60
# Rows per page on the assets lists (default 25).
ASSETS_LIST_PAGE_SIZE = 25
# Largest document a proposal may carry (default 10 MB, as for funding applications).
ASSETS_MAX_DOCUMENT_BYTES = int(os.environ.get("ASSETS_MAX_DOCUMENT_BYTES", str(10 * 1024 * 1024)))

# Community anchors (anchors).
# A designation is reviewed this many years after it is decided (default 3, as the business plan test);
# copied onto the designation, and the daily schedule lapses one not reviewed by its review date.
ANCHORS_REVIEW_YEARS = 3
# The sustainability thresholds (DOMAIN.md, outcome 3), shown on the pages that apply them and stored with
# each return's assessment when staff accept it, so a change here does not rewrite past years.
# Sustainable needs grants under this share of total income (default 0.50: under 50%),
ANCHORS_GRANT_DEPENDENCY_LIMIT = "0.50"
# unrestricted reserves of at least this many months of spending (default 3),
ANCHORS_RESERVES_MONTHS_MINIMUM = "3"
# and a business plan less than this many years old at the financial year's end (default 3).
ANCHORS_BUSINESS_PLAN_MAX_YEARS = 3
# Anchors per page on the network list, and returns on the staff queue (default 25, as the other lists).
ANCHORS_PAGE_SIZE = 25
# ORUK services per page when the caller does not ask (default 50) and at most (default 100).
ANCHORS_ORUK_PER_PAGE = 50
ANCHORS_ORUK_MAX_PER_PAGE = 100
# Largest evidence document accepted with a designation (default 10 MB, as the funding documents).
ANCHORS_EVIDENCE_MAX_BYTES = 10 * 1024 * 1024

# Commissioning: plans, opportunities, bids, awards and the level playing field (commissioning).
# Plans, opportunities, interest and bids (commissioning plans work). The "good practice: 3 years or more"
# tag on an opportunity uses COMMISSIONING_LONG_AGREEMENT_MONTHS below (default 36), as the figures do.
# Rows per page of the opportunity finder and the plan lists (default 25, the register's page size).
COMMISSIONING_LIST_PAGE_SIZE = int(os.environ.get("COMMISSIONING_LIST_PAGE_SIZE", "25"))
# The finder counts matches exactly up to FUNDING_LIST_EXACT_COUNT_UP_TO, as the funding lists do.

# Commissioning: awards and the level playing field (commissioning awards work).
# An agreement this long or longer counts as long-term in the level playing field figures (default 36
# months: the Compact's funding code makes three years the default where the work lasts that long).
COMMISSIONING_LONG_AGREEMENT_MONTHS = 36
# Awards, decisions and figures rows per page (default 50: a council's year of awards in a few pages).
COMMISSIONING_AWARDS_PAGE_SIZE = 50
# Financial years the figures pages offer, counting back from the current one (default 10).
COMMISSIONING_FIGURES_YEARS_OFFERED = 10

# Capacity building: support bodies, offers, requests and coverage (commissioning).
# Support bodies, requests and the staff's request list per page (default 25, as the other lists).
PARTNERSHIP_CAPACITY_PAGE_SIZE = 25
# The department's capacity building team: emailed of each request left for it to send to a support body.
PARTNERSHIP_CAPACITY_TEAM_EMAIL = os.environ.get("PARTNERSHIP_CAPACITY_TEAM_EMAIL", "capacity@thirdsector.example")

# Measuring progress (measures). An indicator within this share of its target (default 10%) is amber,
# beyond it red; on or beyond the target green. Values are computed for this year and this many before
# (default 4, so five years of trend).
MEASURES_AMBER_MARGIN_PERCENT = 10
MEASURES_YEARS_BACK = 4

# Open data: 360Giving (opendata).
# The publisher's prefix registered with 360Giving (default "360G-thirdsector"). Every grant id is
# "<prefix>-<award reference>" and an organisation with no Org-ID is "<prefix>-ORG-<number>": ids are
# forever, so never change it once grants are published.
OPENDATA_360GIVING_PREFIX = os.environ.get("OPENDATA_360GIVING_PREFIX", "360G-thirdsector")
# Who publishes the grants data, named in the data package (default the department, GB-GOR-D4).
OPENDATA_PUBLISHER_NAME = "Department for Communities and Local Government"
OPENDATA_PUBLISHER_ORG_ID = "GB-GOR-D4"
# The licence of every dataset in the catalogue (default the Open Government Licence v3.0).
OPENDATA_LICENCE_NAME = "Open Government Licence v3.0"
OPENDATA_LICENCE_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
# Awards read from the database at a time while writing the export (default 2,000: a fixed number of
# queries per 2,000 grants, and memory that does not grow with the number of grants).
OPENDATA_EXPORT_CHUNK_SIZE = 2_000
# Generations of the 360Giving files kept in storage, the newest served (default 3; older ones deleted).
OPENDATA_SNAPSHOTS_KEPT = 3
# Saving a published award queues a regeneration of the 360Giving files (default on). Off in tests, where
# tasks run at once and every app's tests that publish an award would write the files; the open data
# tests switch it on, and the daily `run_opendata_schedule` catches every change either way.
OPENDATA_REFRESH_ON_AWARD_SAVE = ENVIRONMENT != "test"

# Stakeholder survey (measures; section kept by the survey work).
# The z value of the confidence interval shown beside each share agreeing: 1.96 gives the 95% interval
# the strategy's reporting uses; 2.576 would give 99%.
SURVEY_CONFIDENCE_Z = float(os.environ.get("SURVEY_CONFIDENCE_Z", "1.96"))
# The largest evidence document a respondent may upload: 10 MB by default, as for breach evidence,
# enough for a scanned report or a photograph.
SURVEY_MAX_EVIDENCE_BYTES = int(os.environ.get("SURVEY_MAX_EVIDENCE_BYTES", str(10 * 1024 * 1024)))

# Board packs (measures; section kept by the board packs work).
# Packs listed per page (default 25, as the other lists). The first financial year a pack may be asked
# for (default 2008, the strategy's first full year: no quarter before it holds its figures).
MEASURES_BOARD_PACK_PAGE_SIZE = 25
MEASURES_BOARD_PACK_FIRST_YEAR = 2008
# Minutes without progress before a queued or generating pack shows staff "Stalled" (default 15; it takes seconds).
MEASURES_BOARD_PACK_STALLED_AFTER_MINUTES = 15

# Open data downloads, Open Referral UK and accessible formats (opendata; section kept by the open data work).
# Working days to send a page in an accessible format once asked (default 10: two working weeks, time to
# commission Braille, audio or Easy Read; most requests are answered sooner).
OPENDATA_FORMAT_REQUEST_WORKING_DAYS = 10
# Accessible format requests per page of the staff queue (default 25, as other staff lists).
OPENDATA_FORMAT_REQUESTS_PER_PAGE = 25

# Public API: keys, rate limits, versions and conditional requests (section kept by the API work).
# djangorestframework-api-key must be an installed app for its abstract key model (accounts.ApiKey) to load;
# its own APIKey table is created by its migration but unused.
INSTALLED_APPS += ["rest_framework_api_key"]
# The rate a machine client's key gets unless staff give it another, e.g. "1000/hour" (default 1000/hour:
# ten times the public's sustained rate, enough for a nightly sync of the register).
API_KEY_DEFAULT_RATE = "1000/hour"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

SERVICE_NAME = "thirdsector"
SERVICE_PHASE = os.environ.get("SERVICE_PHASE", "Beta")

# Outside production, serve static files straight from the apps and node_modules (no collectstatic).
WHITENOISE_USE_FINDERS = not IS_PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG

# Each app's demo data, loaded in this order by `manage.py load_demo_data` (and so by `make run`).
DEMO_DATA_LOADERS = [
    "thirdsector.register.demo.load_organisations",
    "thirdsector.accounts.demo.load_people",
    "thirdsector.funding.demo.load_funding",
    # Proofing first: it makes the department and each NDPB a Compact body with a lead of its own.
    "thirdsector.compact.demo.proofing.load_proofing",
    "thirdsector.compact.demo.awareness.load_awareness",
    "thirdsector.compact.demo.consultations.load_consultations",
    "thirdsector.compact.demo.breaches.load_breaches",
    "thirdsector.partnerships.demo.boards.load_boards",
    "thirdsector.partnerships.demo.progress.load_progress",
    "thirdsector.partnerships.demo.local.load_local",
    "thirdsector.partnerships.demo.ccfa.load_ccfa",
    "thirdsector.partnerships.demo.capacity.load_capacity",
    # The small grants fund's allocation to local funders, then their rounds and end grants.
    "thirdsector.funding.demo_allocation.load_allocation",
    "thirdsector.funding.demo_small_grants.load_small_grants",
    "thirdsector.assets.demo.transfers.load_transfers",
    "thirdsector.anchors.demo.network.load_network",
    "thirdsector.commissioning.demo.plans.load_plans",
    "thirdsector.commissioning.demo.awards.load_awards",
    # Last: the indicators are computed from everything above.
    "thirdsector.partnerships.demo_indicator_results.load_indicator_results",
    "thirdsector.measures.demo.surveys.load_surveys",
    "thirdsector.opendata.demo.load_format_requests",
    "thirdsector.measures.services.indicators.compute_indicators",
    "thirdsector.measures.demo.board_packs.load_board_packs",
]
