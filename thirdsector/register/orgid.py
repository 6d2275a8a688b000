"""Org-ID organisation identifiers: parse, normalise and validate each scheme we know.

An identifier is `<scheme prefix>-<identifier in that scheme>` (see shared/standards/README.md).
People type identifiers in many shapes (`1123456`, `GB-CHC-1123456`, `gb-chc-1123456 `); this
module turns each into one canonical form or says which shape the scheme expects.
"""

import re
from dataclasses import dataclass


class InvalidOrgId(ValueError):
    """An identifier that does not fit its scheme; the message says what shape was expected."""


@dataclass(frozen=True)
class Scheme:
    prefix: str
    register: str
    pattern: str
    shape: str

    def matches(self, value: str) -> bool:
        return re.fullmatch(self.pattern, value) is not None


SCHEMES: dict[str, Scheme] = {
    scheme.prefix: scheme
    for scheme in [
        Scheme(
            "GB-CHC",
            "Charity Commission for England and Wales",
            r"\d{6,7}",
            "a charity number of 6 or 7 digits",
        ),
        Scheme("GB-SC", "Scottish Charity Regulator", r"SC\d{6}", "SC followed by 6 digits, like SC012345"),
        Scheme("GB-NIC", "Charity Commission for Northern Ireland", r"1\d{5}", "6 digits from 100000 to 199999"),
        Scheme(
            "GB-COH",
            "Companies House",
            r"(\d{8}|(SC|NI|OC|SO|NC|RS|IP|CE|CS|NL|NO|NP|NR|NZ|FC|SE|SZ|SA|SP|SR|SL|GE|LP|R0|ZC|IC|SF|NF|GS|ES|GN|RC)\d{6})",
            "8 characters: 8 digits, or 2 letters such as SC or OC followed by 6 digits",
        ),
        Scheme(
            "GB-MPR",
            "FCA Mutuals Public Register",
            r"\d{1,6}R?",
            "the register number in digits, sometimes ending in R",
        ),
        Scheme(
            "GB-LAE",
            "Local authorities in England",
            r"[A-Z]{3}",
            "the council's 3-letter register code, like BIR",
        ),
        Scheme(
            "GB-LAS",
            "Local authorities in Scotland",
            r"[A-Z]{3}",
            "the council's 3-letter register code, like GLG",
        ),
        Scheme(
            "GB-PLA",
            "Principal local authorities in Wales",
            r"[A-Z]{3}",
            "the council's 3-letter register code, like CRF",
        ),
        Scheme(
            "GB-LANI",
            "Local authorities in Northern Ireland",
            r"[A-Z]{3}",
            "the council's 3-letter register code, like BFS",
        ),
        Scheme(
            "GB-GOR",
            "UK government organisations",
            r"[A-Z]{1,4}\d{1,4}",
            "the register code in letters then digits, like D4 or EA123",
        ),
        Scheme(
            "GB-EDU",
            "Schools and colleges (DfE)",
            r"\d{6}",
            "the school's unique reference number of 6 digits",
        ),
    ]
}
# Lists whose identifiers are free text without spaces: XI-<list>-<id> and a publisher's own 360G-<publisher>-<id>.
FREE_TEXT_PREFIXES = ("XI-", "360G-")
_PREFIX_ORDER = sorted(SCHEMES, key=len, reverse=True)


@dataclass(frozen=True)
class OrgId:
    scheme: str
    value: str

    def __str__(self) -> str:
        return f"{self.scheme}-{self.value}"


def normalise_value(scheme: str, value: str) -> str:
    value = re.sub(r"\s+", "", value).upper()
    if scheme == "GB-COH" and value.isdigit() and len(value) < 8:
        value = value.zfill(8)  # Companies House numbers lose their leading zeros in spreadsheets.
    return value


def parse_org_id(text: str, scheme: str | None = None) -> OrgId:
    """Turn typed text into a canonical OrgId, or raise InvalidOrgId naming the expected shape.

    `scheme` is the scheme the person chose, used when the text carries no prefix of its own.
    """
    cleaned = (text or "").strip()
    if not cleaned:
        raise InvalidOrgId("Enter an identifier")
    upper = cleaned.upper()
    for prefix in FREE_TEXT_PREFIXES:
        if upper.startswith(prefix):
            rest = cleaned[len(prefix) :]
            list_code, _, own_id = rest.partition("-")
            if not list_code or not own_id or re.search(r"\s", rest):
                raise InvalidOrgId(f"Enter a {prefix[:-1]} identifier as {prefix}<list>-<identifier>, with no spaces")
            return OrgId(f"{prefix}{list_code.upper()}", own_id)
    for prefix in _PREFIX_ORDER:
        if upper.startswith(prefix + "-"):
            scheme, value = prefix, cleaned[len(prefix) + 1 :]
            break
    else:
        if scheme is None:
            raise InvalidOrgId("Enter an identifier with its scheme, like GB-CHC-1123456")
        if scheme not in SCHEMES:
            raise InvalidOrgId(f"{scheme} is not a scheme we know")
        value = cleaned
    value = normalise_value(scheme, value)
    definition = SCHEMES[scheme]
    if not definition.matches(value):
        raise InvalidOrgId(f"Enter a {scheme} identifier ({definition.register}) as {definition.shape}")
    return OrgId(scheme, value)


def scheme_choices() -> list[tuple[str, str]]:
    return [(prefix, f"{prefix} – {scheme.register}") for prefix, scheme in SCHEMES.items()]
