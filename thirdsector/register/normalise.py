"""Normal forms of names and postcodes, used to match one real body across sources."""

import re

# A full UK postcode: outward code (area, district) and inward code (sector, unit).
_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})$")
_OUTWARD = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")
_LEGAL_SUFFIXES = re.compile(r"\b(LIMITED|LTD|CIO|CIC|PLC|INCORPORATED|INC)\b")


def normalise_name(name: str) -> str:
    """Upper case, '&' as AND, no punctuation, no leading THE, no legal suffixes, single spaces."""
    text = name.upper().replace("&", " AND ")
    text = re.sub(r"[^A-Z0-9 ]+", " ", text)
    text = _LEGAL_SUFFIXES.sub(" ", text)
    text = re.sub(r"^\s*THE\s+", "", text)
    return re.sub(r"\s+", " ", text).strip()


def normalise_postcode(text: str) -> str | None:
    """'ls14ap' becomes 'LS1 4AP'; anything that is not a UK postcode gives None."""
    match = _POSTCODE.match(re.sub(r"\s+", "", (text or "").upper()))
    if not match:
        return None
    return f"{match.group(1)} {match.group(2)}"


def looks_like_outward_code(text: str) -> bool:
    return bool(_OUTWARD.match(text.strip().upper()))
