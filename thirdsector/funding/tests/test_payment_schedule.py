"""Payment schedules: in advance, by the award's frequency, adding up to the award to the penny."""

import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ..errors import FundingError
from ..financial_years import financial_year_of
from ..models import Payment, PaymentStatus
from ..services.payments import (
    add_months,
    allocate,
    payment_dates,
    reschedule_unpaid,
    schedule_payments,
    split_evenly,
)
from .factories import AwardFactory

APRIL_2026 = datetime.date(2026, 4, 1)


def award(frequency="quarterly", amount="150000.00", years=None, **fields):
    fields.setdefault("starts_on", APRIL_2026)
    fields.setdefault("ends_on", datetime.date(2029, 3, 31))
    return AwardFactory(payment_frequency=frequency, amount=Decimal(amount), years=years, status="accepted", **fields)


# Dates


def test_quarterly_payments_fall_on_the_start_and_every_three_months_until_the_end():
    dates = payment_dates(frequency="quarterly", starts_on=APRIL_2026, ends_on=datetime.date(2027, 3, 31))
    assert dates == [APRIL_2026, datetime.date(2026, 7, 1), datetime.date(2026, 10, 1), datetime.date(2027, 1, 1)]


def test_yearly_payments_fall_on_the_start_and_each_anniversary():
    dates = payment_dates(frequency="yearly", starts_on=datetime.date(2026, 7, 15), ends_on=datetime.date(2029, 7, 14))
    assert dates == [datetime.date(2026, 7, 15), datetime.date(2027, 7, 15), datetime.date(2028, 7, 15)]


def test_a_single_payment_falls_on_the_start():
    assert payment_dates(frequency="single", starts_on=APRIL_2026, ends_on=datetime.date(2029, 3, 31)) == [APRIL_2026]


def test_months_are_counted_from_the_start_so_the_31st_does_not_drift():
    assert add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    dates = payment_dates(
        frequency="quarterly", starts_on=datetime.date(2026, 8, 31), ends_on=datetime.date(2027, 8, 30)
    )
    assert dates == [
        datetime.date(2026, 8, 31),
        datetime.date(2026, 11, 30),
        datetime.date(2027, 2, 28),
        datetime.date(2027, 5, 31),
    ]


# Splitting money


def test_an_amount_that_does_not_divide_evenly_puts_the_extra_pennies_first():
    assert split_evenly(Decimal("100.00"), 3) == [Decimal("33.34"), Decimal("33.33"), Decimal("33.33")]


def test_a_year_without_a_payment_date_is_paid_in_advance_with_the_year_before():
    # Paid yearly from July: the last months (April to June 2029) have no payment of their own.
    shares = allocate(
        total=Decimal("100000.00"),
        dates=[datetime.date(2026, 7, 1), datetime.date(2027, 7, 1), datetime.date(2028, 7, 1)],
        year_amounts={
            2026: Decimal("25000"),
            2027: Decimal("33333.33"),
            2028: Decimal("33333.34"),
            2029: Decimal("8333.33"),
        },
    )
    assert [amount for _day, amount in shares] == [Decimal("25000.00"), Decimal("33333.33"), Decimal("41666.67")]


@given(
    pennies=st.integers(min_value=1, max_value=10**11),
    starts_on=st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2090, 12, 31)),
    months=st.integers(min_value=1, max_value=72),
    frequency=st.sampled_from(["quarterly", "yearly", "single"]),
    weights=st.lists(st.integers(min_value=0, max_value=1000), min_size=1, max_size=8),
)
def test_any_schedule_adds_up_to_the_award_to_the_penny_and_each_year_to_its_amount(
    pennies, starts_on, months, frequency, weights
):
    total = Decimal(pennies) / 100
    ends_on = add_months(starts_on, months) - datetime.timedelta(days=1)
    dates = payment_dates(frequency=frequency, starts_on=starts_on, ends_on=ends_on)
    # Irregular yearly amounts over the award's financial years, adding up to the total.
    years = list(range(financial_year_of(starts_on), financial_year_of(ends_on) + 1))
    year_weights = [Decimal(weights[index % len(weights)]) for index in range(len(years))]
    year_amounts = dict(zip(years, split_weighted(total, year_weights), strict=True))

    shares = allocate(total=total, dates=dates, year_amounts=year_amounts)

    assert sum(amount for _day, amount in shares) == total
    assert all(amount > 0 and amount == amount.quantize(Decimal("0.01")) for _day, amount in shares)
    assert all(day in dates for day, _amount in shares)
    dated_years = {financial_year_of(day) for day in dates}
    if set(year_amounts) <= dated_years:
        for year, amount in year_amounts.items():
            assert sum(share for day, share in shares if financial_year_of(day) == year) == amount


@given(
    pennies=st.integers(min_value=1, max_value=10**11),
    dates=st.lists(st.dates(min_value=datetime.date(2020, 1, 1), max_value=datetime.date(2040, 1, 1)), min_size=1),
    year_amounts=st.dictionaries(
        st.integers(min_value=2015, max_value=2045),
        st.decimals(min_value=-1000, max_value=10**7, places=2, allow_nan=False, allow_infinity=False),
    ),
)
def test_even_when_the_years_do_not_add_up_the_payments_add_up_to_the_total(pennies, dates, year_amounts):
    total = Decimal(pennies) / 100
    shares = allocate(total=total, dates=dates, year_amounts=year_amounts)
    assert sum(amount for _day, amount in shares) == total
    assert all(amount > 0 for _day, amount in shares)


def split_weighted(total: Decimal, weights: list[Decimal]) -> list[Decimal]:
    from ..services.payments import split_in_proportion

    return split_in_proportion(total, weights)


# Schedules on awards


@pytest.mark.django_db
def test_a_quarterly_three_year_award_is_paid_in_twelve_equal_instalments_numbered_from_1():
    payments = schedule_payments(award=award("quarterly"))

    assert [payment.number for payment in payments] == list(range(1, 13))
    assert {payment.amount for payment in payments} == {Decimal("12500.00")}
    assert payments[0].due_on == APRIL_2026
    assert payments[-1].due_on == datetime.date(2029, 1, 1)
    assert [payment.financial_year for payment in payments] == [2026] * 4 + [2027] * 4 + [2028] * 4
    assert all(payment.status == PaymentStatus.SCHEDULED for payment in payments)


@pytest.mark.django_db
def test_each_payment_takes_its_share_of_the_year_it_falls_in():
    years = {2026: Decimal("10000.00"), 2027: Decimal("60000.00"), 2028: Decimal("30000.01")}
    payments = schedule_payments(award=award("quarterly", amount="100000.01", years=years))

    by_year = {year: [p.amount for p in payments if p.financial_year == year] for year in years}
    assert by_year[2026] == [Decimal("2500.00")] * 4
    assert by_year[2027] == [Decimal("15000.00")] * 4
    assert by_year[2028] == [Decimal("7500.01"), Decimal("7500.00"), Decimal("7500.00"), Decimal("7500.00")]
    assert sum(p.amount for p in payments) == Decimal("100000.01")


@pytest.mark.django_db
def test_a_yearly_award_is_paid_on_the_start_and_each_anniversary():
    payments = schedule_payments(award=award("yearly", amount="100000.00", years={
        2026: Decimal("33333.33"), 2027: Decimal("33333.33"), 2028: Decimal("33333.34")
    }))  # fmt: skip

    assert [(p.due_on, p.amount, p.financial_year) for p in payments] == [
        (datetime.date(2026, 4, 1), Decimal("33333.33"), 2026),
        (datetime.date(2027, 4, 1), Decimal("33333.33"), 2027),
        (datetime.date(2028, 4, 1), Decimal("33333.34"), 2028),
    ]


@pytest.mark.django_db
def test_a_single_payment_award_is_paid_in_full_on_the_start():
    payments = schedule_payments(award=award("single", amount="4999.99", years={2026: Decimal("4999.99")}))

    assert [(p.number, p.due_on, p.amount, p.financial_year) for p in payments] == [
        (1, APRIL_2026, Decimal("4999.99"), 2026)
    ]


@pytest.mark.django_db
def test_an_award_is_not_scheduled_twice():
    subject = award()
    schedule_payments(award=subject)
    with pytest.raises(FundingError, match="already has a payment schedule"):
        schedule_payments(award=subject)


@pytest.mark.django_db
def test_scheduling_is_recorded_in_the_payments_history():
    payment = schedule_payments(award=award())[0]
    record = payment.history.latest()
    assert record.history_type == "+"
    assert record.history_change_reason == "Scheduled from the award"


# After a variation


@pytest.mark.django_db
def test_a_variation_cancels_the_unpaid_payments_and_schedules_the_rest_of_the_new_amount():
    subject = award("quarterly")
    payments = schedule_payments(award=subject)
    for payment in payments[:2]:
        Payment.objects.filter(pk=payment.pk).update(status=PaymentStatus.PAID)
    # A payment awaiting approval is replaced too.
    Payment.objects.filter(pk=payments[2].pk).update(status=PaymentStatus.REQUESTED)
    # The variation raised the award to £180,000 with the extra in the last year.
    subject.amount = Decimal("180000.00")
    subject.save()
    subject.years.filter(financial_year=2028).update(amount=Decimal("80000.00"))

    new = reschedule_unpaid(award=subject)

    old = {p.number: p for p in subject.payments.filter(number__lte=12)}
    assert [old[n].status for n in (1, 2)] == [PaymentStatus.PAID] * 2
    assert all(old[n].status == PaymentStatus.CANCELLED for n in range(3, 13))
    assert old[3].history.latest().history_change_reason == "The award was varied"
    assert old[3].history.latest().history_user is None
    assert [p.number for p in new] == list(range(13, 23))
    assert new[0].due_on == datetime.date(2026, 10, 1)
    assert sum(p.amount for p in new) == Decimal("180000.00") - Decimal("25000.00")
    assert [p.amount for p in new if p.financial_year == 2028] == [Decimal("20000.00")] * 4


@pytest.mark.django_db
def test_a_variation_that_ends_the_grant_early_shares_the_rest_over_the_dates_left():
    subject = award("quarterly")
    payments = schedule_payments(award=subject)
    Payment.objects.filter(pk__in=[p.pk for p in payments[:4]]).update(status=PaymentStatus.PAID)
    subject.amount = Decimal("90000.00")
    subject.ends_on = datetime.date(2028, 3, 31)
    subject.save()
    subject.years.filter(financial_year=2028).delete()
    subject.years.filter(financial_year=2027).update(amount=Decimal("40000.00"))

    new = reschedule_unpaid(award=subject)

    assert [p.due_on for p in new] == [
        datetime.date(2027, 4, 1),
        datetime.date(2027, 7, 1),
        datetime.date(2027, 10, 1),
        datetime.date(2028, 1, 1),
    ]
    assert sum(p.amount for p in new) == Decimal("40000.00")


@pytest.mark.django_db
def test_nothing_is_scheduled_when_everything_is_already_paid():
    subject = award("single", amount="5000.00", years={2026: Decimal("5000.00")})
    payment = schedule_payments(award=subject)[0]
    Payment.objects.filter(pk=payment.pk).update(status=PaymentStatus.PAID)
    assert reschedule_unpaid(award=subject) == []
