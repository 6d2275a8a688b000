"""`make run`'s demo data loads, every app's in the order settings.DEMO_DATA_LOADERS gives, and only once."""

import pytest
from django.core.management import call_command

from thirdsector.accounts.models import User
from thirdsector.anchors.models import Anchor
from thirdsector.assets.models import Asset
from thirdsector.commissioning.models import ContractAward
from thirdsector.compact.models import BreachCase, Consultation, Policy
from thirdsector.funding.models import Award, AwardStatus, Payment, PaymentStatus, Programme
from thirdsector.measures.models import IndicatorValue
from thirdsector.partnerships.models import SupportRequest

pytestmark = pytest.mark.django_db


def test_the_demo_loads_every_app_once(capsys):
    call_command("load_demo_data", if_empty=True)

    assert User.objects.filter(email="partner@demo.thirdsector.example").exists()
    assert Programme.objects.filter(slug="special-grants", status="closed").exists()
    assert Award.objects.filter(programme__slug="strategic-partners", status=AwardStatus.ACCEPTED).exists()
    assert Payment.objects.filter(status=PaymentStatus.HELD).exists()
    assert Consultation.objects.exists()
    assert BreachCase.objects.exists()
    assert Policy.objects.exists()
    assert Award.objects.filter(regrant_type="FRG010").count() == 12
    assert Award.objects.filter(programme__funded_by__isnull=False).count() > 1000
    assert Asset.objects.filter(status="transferred").exists()
    assert Anchor.objects.filter(status="designated").count() >= 50
    assert ContractAward.objects.exists() and SupportRequest.objects.exists()
    assert IndicatorValue.objects.filter(indicator__slug="sustainable-anchors", breakdown_key="").exists()

    people = User.objects.count()
    call_command("load_demo_data", if_empty=True)
    assert User.objects.count() == people
    assert "Demo data already loaded" in capsys.readouterr().out
