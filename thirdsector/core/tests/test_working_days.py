import datetime

from hypothesis import given
from hypothesis import strategies as st

from thirdsector.core.working_days import add_working_days, is_working_day, working_days_between


def test_weekends_and_bank_holidays_are_not_working_days():
    assert not is_working_day(datetime.date(2026, 11, 28))  # Saturday
    assert not is_working_day(datetime.date(2026, 12, 25))  # Christmas Day
    assert not is_working_day(datetime.date(2026, 12, 28))  # Boxing Day, observed
    assert is_working_day(datetime.date(2026, 11, 25))


def test_five_working_days_over_christmas():
    # Thursday 24 December 2026: 29, 30, 31 December, 4 and 5 January (1 January is a bank holiday).
    assert add_working_days(datetime.date(2026, 12, 24), 5) == datetime.date(2027, 1, 5)


def test_twenty_working_days_over_easter():
    # Easter 2027: Good Friday 26 March and Easter Monday 29 March are skipped.
    assert add_working_days(datetime.date(2027, 3, 22), 20) == datetime.date(2027, 4, 21)


@given(st.dates(min_value=datetime.date(2020, 1, 1), max_value=datetime.date(2035, 1, 1)), st.integers(0, 60))
def test_counting_back_gives_the_days_added(start, days):
    assert working_days_between(start, add_working_days(start, days)) == days
