"""Sharing a fund between areas and the local funders who cover them: the pure solver, no Django.

The formula (shown to staff on the fund's page):

    need(area)   = w_pop · population share + w_dep · deprivation share + w_groups · small groups share
    target(area) = need(area) × fund

where each share is the area's figure divided by the sum over all areas, and the weights add up to 1,
so the targets add up to the fund. Targets are fractions of a pound and may break a rule: an area's
floor (the least any area receives), or a local funder's capacity (the most it can take). The solver
finds whole-pound amounts that keep every rule and add up to the fund exactly:

1. When every target already meets its floor and every funder's targets fit its capacity, the
   targets are the best answer and no optimisation is needed (`Allocation.used_solver` is False).
2. Otherwise a linear programme (SciPy's `linprog`, HiGHS) minimises the total absolute deviation
   from the targets, with one deviation variable per area: d ≥ x − target and d ≥ target − x,
   subject to x ≥ floor for each area, the sum of a funder's areas ≤ its capacity, and Σ x = fund.
3. Amounts are rounded to whole pounds by the largest-remainder method: each area keeps the whole
   pounds below its amount, and the pounds left over go one each to the areas with the largest
   fractions (ties by id), skipping an area whose funder is already at its capacity. Floors and
   capacities are whole pounds, so rounding down never breaks a floor and the skipped pounds always
   find room elsewhere; the sum is exactly the fund.

Everything is deterministic: the same inputs give the same pounds.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import coo_matrix, hstack, identity, vstack

# A continuous answer may miss a bound by this much (in pounds) through floating point.
TOLERANCE = 1e-6


class AllocationInfeasible(ValueError):
    """The rules cannot all be kept: too little money for the floors, too little capacity, gaps in cover."""


@dataclass(frozen=True)
class AreaInput:
    id: int
    target: float
    floor: int
    name: str = ""


@dataclass(frozen=True)
class FunderInput:
    id: int
    areas: tuple[int, ...]
    capacity: int | None = None
    name: str = ""


@dataclass(frozen=True)
class Allocation:
    """Whole pounds per area and per funder, and whether the optimisation had to run."""

    areas: dict[int, int]
    funders: dict[int, int]
    used_solver: bool


def whole_pounds_down(amount: Decimal | int | None) -> int | None:
    """A capacity or floor in whole pounds, rounded down so rounding never promises more than allowed."""
    if amount is None:
        return None
    return int(Decimal(amount).to_integral_value(rounding=ROUND_FLOOR))


def _label(item: AreaInput | FunderInput) -> str:
    return item.name or f"#{item.id}"


def _check(areas: Sequence[AreaInput], funders: Sequence[FunderInput], total: int) -> dict[int, int]:
    """Refuses inputs no allocation can satisfy, in words; returns each area's funder."""
    if total < 0:
        raise AllocationInfeasible("The fund cannot be less than £0.")
    known = {area.id: area for area in areas}
    if len(known) != len(areas):
        raise AllocationInfeasible("An area is listed twice.")
    funder_of: dict[int, int] = {}
    for funder in funders:
        if funder.capacity is not None and funder.capacity < 0:
            raise AllocationInfeasible(f"{_label(funder)} has a capacity of less than £0.")
        for area_id in funder.areas:
            if area_id not in known:
                raise AllocationInfeasible(f"{_label(funder)} covers an area that is not being allocated.")
            if area_id in funder_of:
                raise AllocationInfeasible(
                    f"{_label(known[area_id])} is covered by more than one local funder; each area needs exactly one."
                )
            funder_of[area_id] = funder.id
    uncovered = [_label(area) for area in areas if area.id not in funder_of]
    if uncovered:
        shown = ", ".join(sorted(uncovered)[:5]) + (f" and {len(uncovered) - 5} more" if len(uncovered) > 5 else "")
        raise AllocationInfeasible(f"No local funder covers {shown}: every area needs a local funder.")
    floors = sum(area.floor for area in areas)
    if floors > total:
        raise AllocationInfeasible(
            f"The floors add up to £{floors:,} across {len(areas)} areas, more than the fund of £{total:,}: "
            "lower the floor or raise the fund."
        )
    for funder in funders:
        if funder.capacity is None:
            continue
        needed = sum(known[area_id].floor for area_id in funder.areas)
        if needed > funder.capacity:
            raise AllocationInfeasible(
                f"{_label(funder)} can take £{funder.capacity:,}, less than the £{needed:,} its areas' floors need."
            )
    if all(funder.capacity is not None for funder in funders):
        room = sum(funder.capacity for funder in funders)
        if room < total:
            raise AllocationInfeasible(
                f"The local funders can take £{room:,} between them, less than the fund of £{total:,}: "
                "raise a capacity or add a local funder."
            )
    return funder_of


def _targets_keep_the_rules(areas: Sequence[AreaInput], funders: Sequence[FunderInput]) -> bool:
    targets = {area.id: area.target for area in areas}
    if any(area.target < area.floor for area in areas):
        return False
    return all(
        funder.capacity is None or sum(targets[area_id] for area_id in funder.areas) <= funder.capacity
        for funder in funders
    )


def _solve(areas: Sequence[AreaInput], funders: Sequence[FunderInput], total: int) -> list[float]:
    """The continuous amounts closest to the targets (least total absolute deviation) that keep the rules."""
    count = len(areas)
    index = {area.id: position for position, area in enumerate(areas)}
    targets = np.array([area.target for area in areas], dtype=float)
    # Variables: x (the amounts) then d (the deviations); minimise Σ d.
    cost = np.concatenate([np.zeros(count), np.ones(count)])
    eye = identity(count, format="csr")
    above = hstack([eye, -eye])  # x − d ≤ target
    below = hstack([-eye, -eye])  # −x − d ≤ −target
    rows, columns, capped = [], [], []
    for funder in funders:
        if funder.capacity is None or not funder.areas:
            continue
        for area_id in funder.areas:
            rows.append(len(capped))
            columns.append(index[area_id])
        capped.append(funder.capacity)
    blocks = [above, below]
    limits = [targets, -targets]
    if capped:
        caps = coo_matrix((np.ones(len(rows)), (rows, columns)), shape=(len(capped), 2 * count))
        blocks.append(caps)
        limits.append(np.array(capped, dtype=float))
    equality = np.concatenate([np.ones(count), np.zeros(count)]).reshape(1, -1)
    bounds = [(area.floor, None) for area in areas] + [(0, None)] * count
    result = linprog(
        cost,
        A_ub=vstack(blocks, format="csr"),
        b_ub=np.concatenate(limits),
        A_eq=equality,
        b_eq=[float(total)],
        bounds=bounds,
        method="highs",
    )
    if result.status != 0:
        raise AllocationInfeasible(f"No allocation keeps every floor and capacity ({result.message}).")
    return list(result.x[:count])


def _round(
    areas: Sequence[AreaInput], amounts: list[float], funders: Sequence[FunderInput], funder_of: dict, total: int
) -> dict[int, int]:
    """Whole pounds by largest remainder, never below a floor or above a capacity, adding up to `total`."""
    capacity = {funder.id: funder.capacity for funder in funders}
    floors = {area.id: area.floor for area in areas}
    pounds: dict[int, int] = {}
    fractions = []
    for area, amount in zip(areas, amounts, strict=True):
        whole = max(area.floor, math.floor(amount + TOLERANCE))
        pounds[area.id] = whole
        fractions.append((-(amount - whole), area.id))
    held = {funder.id: 0 for funder in funders}
    for area_id, whole in pounds.items():
        held[funder_of[area_id]] += whole
    left = total - sum(pounds.values())
    fractions.sort()
    # Floating point may leave the whole pounds a pound or so over the fund: take it back from the
    # smallest fractions, never below a floor.
    for _fraction, area_id in reversed(fractions):
        if left >= 0:
            break
        if pounds[area_id] > floors[area_id]:
            pounds[area_id] -= 1
            held[funder_of[area_id]] -= 1
            left += 1
    # First pass: one pound each to the largest fractions; then, should floating point have left any
    # pound over, round again through every area with room until none is left.
    for one_each in (True, False):
        while left > 0:
            given = 0
            for _fraction, area_id in fractions:
                if left == 0:
                    break
                funder_id = funder_of[area_id]
                if capacity[funder_id] is not None and held[funder_id] >= capacity[funder_id]:
                    continue
                pounds[area_id] += 1
                held[funder_id] += 1
                left -= 1
                given += 1
            if one_each or given == 0:
                break
    if left != 0:
        raise AllocationInfeasible("The amounts could not be rounded to whole pounds within the capacities.")
    return pounds


def allocate(*, areas: Sequence[AreaInput], funders: Sequence[FunderInput], total: int) -> Allocation:
    """Whole pounds for every area and funder: as close to the targets as the floors and capacities allow.

    Raises AllocationInfeasible, naming the problem, when no allocation can keep every rule.
    """
    areas = sorted(areas, key=lambda area: area.id)
    funders = sorted(funders, key=lambda funder: funder.id)
    funder_of = _check(areas, funders, total)
    if not areas:
        if total:
            raise AllocationInfeasible("There are no areas to allocate the fund to.")
        return Allocation(areas={}, funders={funder.id: 0 for funder in funders}, used_solver=False)
    targets_total = sum(area.target for area in areas)
    keeps_rules = abs(targets_total - total) <= TOLERANCE * max(1, len(areas)) and _targets_keep_the_rules(
        areas, funders
    )
    amounts = [area.target for area in areas] if keeps_rules else _solve(areas, funders, total)
    pounds = _round(areas, amounts, funders, funder_of, total)
    by_funder = {funder.id: sum(pounds[area_id] for area_id in funder.areas) for funder in funders}
    return Allocation(areas=pounds, funders=by_funder, used_solver=not keeps_rules)
