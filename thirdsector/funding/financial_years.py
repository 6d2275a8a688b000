"""UK government financial years, which run from 1 April to 31 March.

A financial year is named by the calendar year it starts in: 2026 is 1 April 2026 to 31 March 2027,
shown as "2026–27".
"""

from datetime import date


def financial_year_of(day: date) -> int:
    return day.year if day.month >= 4 else day.year - 1


def financial_year_label(year: int) -> str:
    return f"{year}–{(year + 1) % 100:02d}"


def financial_year_start(year: int) -> date:
    return date(year, 4, 1)


def financial_year_end(year: int) -> date:
    return date(year + 1, 3, 31)
