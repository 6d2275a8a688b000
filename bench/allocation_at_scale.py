"""The small grants allocation at scale: the solver for 350 areas and 1,000 local funders, floors and caps binding.

    .venv/bin/python bench/allocation_at_scale.py                      # the pure solver only
    THIRDSECTOR_ENV=development DATABASE_URL=postgres://postgres@127.0.0.1:5432/<throwaway db> \
        .venv/bin/python bench/allocation_at_scale.py                  # and `calculate` through the database

The pure solver gets synthetic inputs: 350 areas with skewed targets (so many small areas fall below
the floor), and 1,000 local funders. An area has exactly one local funder (the service refuses two),
so of 1,000 funders at most 350 hold areas: the other 650 are registered with no area yet and are
given £0, as the service would. A second case, 3,500 areas shared by the same 1,000 funders (3 or 4
each, with a floor of £5,714 so the floors fit), shows how the time grows with areas. In both, a
tenth of the funders have a capacity below their areas' targets, so capacities bind too, and the
LP path (HiGHS) runs.

With DATABASE_URL (a migrated, throwaway database), it also times `services.regranting.calculate` on
every English council with a population: a made-up dataset, 1,000 local funders (one per council, the
rest with no area) and 50,000 small groups, all inside a transaction rolled back at the end.

Output, one line each: `<name> areas=<n> funders=<n> median_ms=<x> max_ms=<y> solver=<True|False>`.
"""

import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from thirdsector.funding.services.allocation import AreaInput, FunderInput, allocate  # noqa: E402

FUND = 80_000_000
FLOOR = 100_000
RUNS = int(os.environ.get("BENCH_RUNS", "7"))


def synthetic(area_count: int, funder_count: int, seed: int = 7):
    """Skewed targets adding up to the fund; a tenth of the funders capped below their areas' targets."""
    rng = random.Random(seed)
    floor = min(FLOOR, FUND // (area_count * 4))  # a quarter of the fund is held by floors at most
    weights = [rng.paretovariate(1.2) for _ in range(area_count)]
    scale = FUND / sum(weights)
    areas = [AreaInput(id=number, target=weight * scale, floor=floor) for number, weight in enumerate(weights)]
    holders = min(area_count, funder_count)
    covered: dict[int, list[int]] = {number: [] for number in range(funder_count)}
    for area in areas:
        covered[area.id % holders].append(area.id)
    funders = []
    for number in range(funder_count):
        targets = sum(areas[area_id].target for area_id in covered[number])
        floors = floor * len(covered[number])
        capped = covered[number] and number % 10 == 0 and targets > floors * 1.2
        capacity = int(max(floors, targets * 0.8)) if capped else None
        funders.append(FunderInput(id=number, areas=tuple(covered[number]), capacity=capacity))
    return areas, funders


def time_solver(name: str, area_count: int, funder_count: int) -> None:
    areas, funders = synthetic(area_count, funder_count)
    timings = []
    result = None
    for _ in range(RUNS):
        started = time.perf_counter()
        result = allocate(areas=areas, funders=funders, total=FUND)
        timings.append((time.perf_counter() - started) * 1000)
    assert sum(result.areas.values()) == FUND
    print(
        f"{name} areas={area_count} funders={funder_count} median_ms={statistics.median(timings):.1f} "
        f"max_ms={max(timings):.1f} solver={result.used_solver}"
    )


def time_calculate() -> None:
    """`calculate` through Django on the database in DATABASE_URL, rolled back afterwards."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thirdsector.settings")
    import django

    django.setup()
    from decimal import Decimal

    from django.db import connection, transaction

    from thirdsector.accounts.models import RoleGrant, User
    from thirdsector.accounts.roles import Role
    from thirdsector.funding.forms.regranting import councils
    from thirdsector.funding.models import DeprivationDataset, DeprivationScore, LocalFunder, Programme
    from thirdsector.funding.services import regranting
    from thirdsector.register.models import Organisation, OrganisationKind
    from thirdsector.register.size_bands import size_band_for

    class Rollback(Exception):
        pass

    rng = random.Random(11)
    try:
        with transaction.atomic():
            staff = User.objects.create(email="bench-allocation@example.org", full_name="Bench")
            RoleGrant.objects.get_or_create(user=staff, role=Role.DEPARTMENT_STAFF)
            areas = list(councils().filter(population__isnull=False))
            department = Organisation.objects.create(
                name="Bench department", normalised_name="bench department", kind=OrganisationKind.GOVERNMENT_DEPARTMENT
            )
            programme = Programme.objects.create(
                name="Bench small grants", slug="bench-small-grants", code="BSG", purpose="Bench",
                owning_team="Bench", administering_body=department, default_grant_months=12,
            )  # fmt: skip
            programme.budgets.create(financial_year=2026, amount=Decimal(FUND))
            dataset = DeprivationDataset.objects.create(name="Bench scores", source="Made up for the bench")
            DeprivationScore.objects.bulk_create(
                DeprivationScore(
                    dataset=dataset, area=area, average_score=Decimal(f"{rng.uniform(5, 45):.3f}"),
                    rank_of_average_score=rank,
                )
                for rank, area in enumerate(areas, start=1)
            )  # fmt: skip
            organisations = Organisation.objects.bulk_create(
                Organisation(
                    name=f"Bench funder {n}", normalised_name=f"bench funder {n}", kind=OrganisationKind.LOCAL_FUNDER
                )
                for n in range(1000)
            )
            funders = LocalFunder.objects.bulk_create(LocalFunder(organisation=o) for o in organisations)
            LocalFunder.areas.through.objects.bulk_create(
                LocalFunder.areas.through(localfunder_id=funders[n].pk, area_id=area.pk) for n, area in enumerate(areas)
            )
            for funder in funders[: len(areas) : 10]:
                funder.capacity = Decimal(FLOOR * 2)
                funder.save(update_fields=["capacity"])
            incomes = [Decimal(rng.randrange(500, 29000)) for _ in range(50_000)]
            Organisation.objects.bulk_create(
                Organisation(
                    name=f"Bench group {n}", normalised_name=f"bench group {n}", kind=OrganisationKind.COMMUNITY_GROUP,
                    latest_income=income, size_band=size_band_for(income) or "",
                    local_authority=areas[rng.randrange(len(areas))],
                )
                for n, income in enumerate(incomes)
            )  # fmt: skip
            timings = []
            for run in range(RUNS):
                fund = regranting.create_fund(
                    name=f"Bench fund {run}", programme=programme, financial_year=2026, total=Decimal(FUND),
                    dataset=dataset, by=staff,
                )  # fmt: skip
                started = time.perf_counter()
                fund = regranting.calculate(fund=fund, by=staff)
                timings.append((time.perf_counter() - started) * 1000)
            print(
                f"calculate_{connection.vendor} areas={len(areas)} funders=1000 "
                f"median_ms={statistics.median(timings):.1f} max_ms={max(timings):.1f} solver={fund.used_solver}"
            )
            raise Rollback
    except Rollback:
        pass


if __name__ == "__main__":
    time_solver("solver", 350, 1000)
    time_solver("solver", 3500, 1000)
    if os.environ.get("DATABASE_URL"):
        time_calculate()
