"""The allocation solver: whole pounds that add up to the fund and keep every floor and capacity."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thirdsector.funding.services.allocation import (
    AllocationInfeasible,
    AreaInput,
    FunderInput,
    allocate,
    whole_pounds_down,
)


@st.composite
def feasible_inputs(draw):
    """Random areas split between funders, with floors and capacities that some allocation can keep."""
    area_count = draw(st.integers(min_value=1, max_value=40))
    funder_count = draw(st.integers(min_value=1, max_value=min(area_count, 10)))
    weights = draw(st.lists(st.floats(min_value=0.0, max_value=100.0), min_size=area_count, max_size=area_count))
    total = draw(st.integers(min_value=0, max_value=80_000_000))
    floor = draw(st.integers(min_value=0, max_value=total // area_count))
    owners = draw(st.lists(st.integers(0, funder_count - 1), min_size=area_count, max_size=area_count))
    owners[:funder_count] = range(funder_count)  # every funder covers at least one area
    weight_total = sum(weights) or 1.0
    areas = [
        AreaInput(
            id=number + 1, target=(weight / weight_total) * total if sum(weights) else total / area_count, floor=floor
        )
        for number, weight in enumerate(weights)
    ]
    covered = {
        funder: tuple(a.id for a, owner in zip(areas, owners, strict=True) if owner == funder)
        for funder in range(funder_count)
    }
    # Capacities: at least each funder's floors, and together at least the fund (one funder unlimited
    # sometimes), so an allocation exists.
    spare = total - floor * area_count
    shares = draw(st.lists(st.floats(min_value=0.0, max_value=1.0), min_size=funder_count, max_size=funder_count))
    share_total = sum(shares) or 1.0
    unlimited = draw(st.booleans())
    funders = []
    given_out = 0
    for funder in range(funder_count):
        floors = floor * len(covered[funder])
        extra = int(spare * shares[funder] / share_total)
        if funder == funder_count - 1:
            extra = spare - given_out
        given_out += extra
        slack = draw(st.integers(min_value=0, max_value=1000))
        capacity = None if unlimited and funder == 0 else floors + extra + slack
        funders.append(FunderInput(id=100 + funder, areas=covered[funder], capacity=capacity))
    return areas, funders, total


def _check_rules(areas, funders, total, result):
    assert sum(result.areas.values()) == total
    assert sum(result.funders.values()) == total
    for area in areas:
        assert isinstance(result.areas[area.id], int)
        assert result.areas[area.id] >= area.floor
    for funder in funders:
        assert result.funders[funder.id] == sum(result.areas[area_id] for area_id in funder.areas)
        if funder.capacity is not None:
            assert result.funders[funder.id] <= funder.capacity


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(feasible_inputs())
def test_allocation_adds_up_to_the_fund_and_keeps_floors_and_capacities(inputs):
    areas, funders, total = inputs
    _check_rules(areas, funders, total, allocate(areas=areas, funders=funders, total=total))


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(feasible_inputs())
def test_allocation_is_deterministic_whatever_the_order_of_the_inputs(inputs):
    areas, funders, total = inputs
    first = allocate(areas=areas, funders=funders, total=total)
    second = allocate(areas=list(reversed(areas)), funders=list(reversed(funders)), total=total)
    assert first == second


def test_targets_that_keep_the_rules_are_only_rounded():
    areas = [AreaInput(1, 333.4, 0), AreaInput(2, 333.3, 0), AreaInput(3, 333.3, 0)]
    result = allocate(areas=areas, funders=[FunderInput(9, (1, 2, 3))], total=1000)
    assert result.used_solver is False
    assert result.areas == {1: 334, 2: 333, 3: 333}


def test_a_binding_floor_uses_the_solver_and_takes_from_the_others():
    areas = [AreaInput(1, 10.0, 100), AreaInput(2, 495.0, 100), AreaInput(3, 495.0, 100)]
    result = allocate(areas=areas, funders=[FunderInput(9, (1,)), FunderInput(8, (2, 3))], total=1000)
    assert result.used_solver is True
    assert result.areas[1] == 100
    assert sum(result.areas.values()) == 1000


def test_a_binding_capacity_moves_money_to_other_funders():
    areas = [AreaInput(1, 800.0, 0), AreaInput(2, 200.0, 0)]
    funders = [FunderInput(1, (1,), capacity=500), FunderInput(2, (2,))]
    result = allocate(areas=areas, funders=funders, total=1000)
    assert result.used_solver is True
    assert result.funders == {1: 500, 2: 500}


def test_floors_above_the_fund_are_refused_in_words():
    areas = [AreaInput(1, 50.0, 600), AreaInput(2, 50.0, 600)]
    with pytest.raises(AllocationInfeasible, match="floors add up to £1,200 across 2 areas"):
        allocate(areas=areas, funders=[FunderInput(1, (1, 2))], total=1000)


def test_capacities_too_small_for_the_fund_are_refused():
    areas = [AreaInput(1, 500.0, 0), AreaInput(2, 500.0, 0)]
    funders = [FunderInput(1, (1,), 300, "Leeds Community Foundation"), FunderInput(2, (2,), 300)]
    with pytest.raises(AllocationInfeasible, match="can take £600 between them"):
        allocate(areas=areas, funders=funders, total=1000)


def test_a_capacity_below_its_areas_floors_is_refused_with_the_funder_named():
    areas = [AreaInput(1, 500.0, 400), AreaInput(2, 500.0, 400)]
    funders = [FunderInput(1, (1,), 300, "Leeds Community Foundation"), FunderInput(2, (2,))]
    with pytest.raises(AllocationInfeasible, match="Leeds Community Foundation can take £300"):
        allocate(areas=areas, funders=funders, total=1000)


def test_an_area_without_a_local_funder_is_refused_by_name():
    areas = [AreaInput(1, 500.0, 0, "Leeds"), AreaInput(2, 500.0, 0, "Wakefield")]
    with pytest.raises(AllocationInfeasible, match="No local funder covers Wakefield"):
        allocate(areas=areas, funders=[FunderInput(1, (1,))], total=1000)


def test_an_area_covered_twice_is_refused():
    areas = [AreaInput(1, 1000.0, 0, "Leeds")]
    with pytest.raises(AllocationInfeasible, match="Leeds is covered by more than one local funder"):
        allocate(areas=areas, funders=[FunderInput(1, (1,)), FunderInput(2, (1,))], total=1000)


def test_capacities_are_whole_pounds_rounded_down():
    assert whole_pounds_down(None) is None
    assert whole_pounds_down(1999.99) == 1999
