"""Check a 360Giving package against the 1.4.3 schemas offline, and against the rules the schema misses.

The package schema refers to the grant schema by its GitHub URL; the local copy is registered under
that URL (and under its own `$id`, which its internal `#/$defs` references resolve against) with the
`referencing` library, so nothing is fetched. Both files declare draft 2020-12 as
`http://json-schema.org/draft/2020-12/schema`, which `referencing` does not recognise by itself, so the
resources are built with that specification named.

The extra rules are those 360Giving's data-quality checker applies and shared/standards/README.md lists:
the publisher's prefix on every grant id and each id used once, Org-IDs (not internal keys) for the
funder and the recipient, ONS GSS codes with a codelist type for places, planned dates on multi-year
grants, pounds as numbers in GBP, and the award date as a date.
"""

import datetime
import re
from functools import cache
from urllib.parse import urlparse

from django.conf import settings
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from thirdsector.register.orgid import InvalidOrgId, parse_org_id

from .. import three_sixty_giving_standard as standard

# Where the 1.4.3 package schema looks for the grant schema (it names the 1.4.2 path; the schema is the same).
GRANT_SCHEMA_REFERENCE = standard.package_schema()["properties"]["grants"]["items"]["$ref"]
# An ONS GSS code: a letter for the nation, two digits for the entity, six for the area.
GSS_CODE = re.compile(r"[ENSWK]\d{8}")
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Grants planned to run longer than this many months are multi-year and must say when they run.
MULTI_YEAR_MONTHS = 12


def _format_checker() -> FormatChecker:
    """jsonschema's checkers plus `uri` (its own needs a package we do not ship): a scheme and a host."""
    checker = FormatChecker()

    @checker.checks("uri")
    def is_uri(value) -> bool:
        if not isinstance(value, str):
            return True
        parts = urlparse(value)
        return bool(parts.scheme and (parts.netloc or parts.scheme in ("mailto", "urn")))

    return checker


@cache
def package_validator() -> Draft202012Validator:
    grant = DRAFT202012.create_resource(standard.grant_schema())
    registry = Registry().with_resources([(GRANT_SCHEMA_REFERENCE, grant), (standard.grant_schema()["$id"], grant)])
    return Draft202012Validator(standard.package_schema(), registry=registry, format_checker=_format_checker())


def schema_problems(package: dict) -> list[str]:
    """Where the package breaks the 1.4.3 schema, each as the place and the validator's message."""
    problems = []
    for error in sorted(package_validator().iter_errors(package), key=lambda error: list(error.absolute_path)):
        place = "/".join(str(part) for part in error.absolute_path) or "the package"
        problems.append(f"{place}: {error.message}")
    return problems


def _is_org_id(value) -> bool:
    try:
        parse_org_id(value)
    except (InvalidOrgId, TypeError):
        return False
    return True


def grant_problems(grant: dict, *, prefix: str) -> list[str]:
    """The extra rules for one grant, each broken rule as a sentence naming the grant."""
    grant_id = grant.get("id", "")
    name = f"Grant {grant_id or '(no id)'}"
    problems = []
    if not str(grant_id).startswith(prefix + "-"):
        problems.append(f"{name}: the id must start with the publisher's prefix {prefix}-")
    if grant.get("currency") != "GBP":
        problems.append(f"{name}: the currency must be GBP, not {grant.get('currency')!r}")
    if not isinstance(grant.get("amountAwarded"), int | float) or isinstance(grant.get("amountAwarded"), bool):
        problems.append(f"{name}: the amount awarded must be a number of pounds")
    if not _is_date(grant.get("awardDate")):
        problems.append(f"{name}: the award date must be a date written YYYY-MM-DD")
    for role, field in (("funder", "fundingOrganization"), ("recipient", "recipientOrganization")):
        organisations = grant.get(field) or [{}]
        if not _is_org_id(organisations[0].get("id")):
            problems.append(f"{name}: the {role}'s id {organisations[0].get('id')!r} is not an Org-ID")
    for location in grant.get("beneficiaryLocation") or []:
        problems.extend(_location_problems(name, location))
    problems.extend(_planned_date_problems(name, grant))
    return problems


def _is_date(value) -> bool:
    if not isinstance(value, str) or not DATE.fullmatch(value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _location_problems(name: str, location: dict) -> list[str]:
    code, code_type = location.get("geoCode"), location.get("geoCodeType")
    if not code and not code_type:
        return []
    problems = []
    if not code or not GSS_CODE.fullmatch(code):
        problems.append(f"{name}: the beneficiary location's code {code!r} is not an ONS GSS code")
    if code_type not in standard.geo_code_types():
        problems.append(
            f"{name}: the beneficiary location's code type {code_type!r} is not in the geoCodeType codelist"
        )
    elif code and standard.geo_code_type_for(code) not in (None, code_type):
        problems.append(
            f"{name}: the beneficiary location's code {code} is of type {standard.geo_code_type_for(code)}, "
            f"not {code_type}"
        )
    return problems


def _planned_date_problems(name: str, grant: dict) -> list[str]:
    """A multi-year grant must say when it runs: its planned start date, and its end date or duration."""
    planned = (grant.get("plannedDates") or [{}])[0]
    if planned.get("startDate") and (planned.get("endDate") or planned.get("duration") is not None):
        return []
    months = planned.get("duration")
    if isinstance(months, int | float) and months <= MULTI_YEAR_MONTHS:
        return []
    return [
        f"{name}: give the planned start date, and the end date or the duration in months "
        f"(needed for grants over {MULTI_YEAR_MONTHS} months, and we cannot tell this one's length)"
        if months is None
        else f"{name}: a grant over {MULTI_YEAR_MONTHS} months must give its planned start date and its end date"
    ]


def package_problems(package: dict, *, prefix: str | None = None) -> list[str]:
    """Every problem with a package, in words: the schema's first, then the extra rules, grant by grant."""
    prefix = prefix or settings.OPENDATA_360GIVING_PREFIX
    problems = schema_problems(package)
    seen = set()
    for grant in package.get("grants") or []:
        if not isinstance(grant, dict):
            continue
        if grant.get("id") in seen:
            problems.append(f"Grant {grant.get('id')}: the id is used by more than one grant")
        seen.add(grant.get("id"))
        problems.extend(grant_problems(grant, prefix=prefix))
    return problems
