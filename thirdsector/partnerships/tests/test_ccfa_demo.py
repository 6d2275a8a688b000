"""The Community Call for Action demo data: calls in every state, Leeds's worked by its demo officer."""

import pytest
from django.utils import timezone

from thirdsector.accounts.demo import load_people
from thirdsector.partnerships.demo.ccfa import load_ccfa
from thirdsector.partnerships.models import CallStatus, CommunityCall
from thirdsector.partnerships.selectors.ccfa import overdue_call_list
from thirdsector.register.models import OrganisationKind
from thirdsector.register.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_the_demo_has_calls_in_every_state_some_overdue(leeds_council, other_council):
    OrganisationFactory(kind=OrganisationKind.LOCAL_AUTHORITY, name="Third Council")
    load_people()
    load_ccfa()
    assert set(CommunityCall.objects.values_list("status", flat=True)) == set(CallStatus.values)
    assert CommunityCall.objects.filter(council=leeds_council).count() == 10
    assert CommunityCall.objects.values("council").distinct().count() == 3
    assert len(overdue_call_list(today=timezone.localdate())) >= 3
    leeds_call = CommunityCall.objects.filter(council=leeds_council, status=CallStatus.CLOSED).get()
    assert leeds_call.history.first().history_user.email == "council@demo.thirdsector.example"
    load_ccfa()  # a second load adds nothing
    assert CommunityCall.objects.count() == 15
