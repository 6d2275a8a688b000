import pytest

from thirdsector.register.models import Area, AreaType

pytestmark = pytest.mark.django_db


def test_every_local_authority_and_the_english_regions_are_loaded():
    assert Area.objects.exclude(area_type=AreaType.REGION).count() == 470
    assert Area.objects.filter(area_type=AreaType.REGION).count() == 9


def test_councils_sit_in_their_region_and_districts_under_their_county():
    leeds = Area.objects.get(gss_code="E08000035")
    assert leeds.parent.name == "Yorkshire and The Humber"
    assert leeds.parent.gss_code == "E12000003"
    adur = Area.objects.get(register_code="ADU")
    assert adur.parent.register_code == "WSX"
    assert adur.parent.parent.gss_code == "E12000008"


def test_abolished_councils_point_to_their_successors():
    abolished = Area.objects.filter(is_current=False, replaced_by__isnull=False).first()
    assert abolished is not None
    assert all(successor.pk != abolished.pk for successor in abolished.replaced_by.all())


def test_northern_irish_councils_abolished_before_gss_codes_are_kept_separately():
    former = Area.objects.filter(nation="Northern Ireland", gss_code__isnull=True)
    assert former.count() == 25
    assert former.get(register_code="NIR-A").name == "Derry"
