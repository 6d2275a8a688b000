import csv
from itertools import islice

import pytest
from django.core.management import call_command

from thirdsector.register.demo import load_organisations
from thirdsector.register.models import Identifier, Organisation, OrganisationKind
from thirdsector.register.scale_data import (
    CHARITY_EXTRACT_COLUMNS,
    load_scale_organisations,
    scale_organisations,
    scale_organisations_present,
    write_charity_extract,
)

pytestmark = pytest.mark.django_db


def test_the_demo_register_is_the_same_as_before_the_generator_was_shared():
    load_organisations(count=3)
    first = Organisation.objects.get(website="https://www.demo-0.example.org.uk")
    assert first.name == "Westmorland and Furness Family Group"
    assert first.postcode == "N19 9XS"
    assert (
        Organisation.objects.get(website="https://www.demo-1.example.org.uk").name == "Coventry Disability Collective"
    )


def test_scale_organisations_are_the_same_every_time():
    first = [generated.organisation.name for generated in islice(scale_organisations(), 50)]
    again = [generated.organisation.name for generated in islice(scale_organisations(), 50)]
    assert first == again
    assert len(set(first)) == 50


def test_it_loads_organisations_with_identifiers_and_links():
    added = load_scale_organisations(count=300)
    assert added == 300
    assert scale_organisations_present() == 300
    organisations = Organisation.objects.filter(website__startswith="https://www.scale-")
    assert organisations.count() == 300
    assert not organisations.filter(areas_served=None).exists()
    assert not organisations.filter(policy_areas=None).exists()
    assert not organisations.filter(local_authority=None).exists()
    charities = organisations.filter(kind__in=[OrganisationKind.REGISTERED_CHARITY, OrganisationKind.CIO])
    assert Identifier.objects.filter(organisation__in=charities, scheme="GB-CHC", is_primary=True).count() == (
        charities.count()
    )
    assert organisations.filter(status="removed").exists()


def test_loading_more_adds_only_the_missing_ones_and_keeps_the_first_unchanged():
    load_scale_organisations(count=100)
    names = set(Organisation.objects.values_list("name", flat=True))
    call_command("generate_scale_data", organisations=150, verbosity=0)
    assert scale_organisations_present() == 150
    expected = {generated.organisation.name for generated in islice(scale_organisations(), 150)}
    assert set(Organisation.objects.values_list("name", flat=True)) == expected
    assert names <= expected


def test_the_charity_extract_has_the_commissions_layout(tmp_path):
    path = tmp_path / "extract.txt"
    write_charity_extract(path, rows=400)
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))
    assert rows[0] == CHARITY_EXTRACT_COLUMNS
    assert len(rows) == 401
    assert {len(row) for row in rows} == {34}
    numbers = [row[2] for row in rows[1:]]
    charity_numbers = [dict(generated.identifiers).get("GB-CHC") for generated in islice(scale_organisations(), 800)]
    assert numbers[0] in charity_numbers
    assert {row[3] for row in rows[1:]} <= {"0", "1"}
