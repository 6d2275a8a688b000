"""The breach workflow: each step by the people allowed to take it, refused for others, with its audit record."""

import pytest
from django.core import mail

from thirdsector.accounts.roles import Role
from thirdsector.accounts.tests.factories import UserFactory
from thirdsector.core.workflow import TransitionRefused

from ..models import BreachStatus
from ..services.breaches import steps_open_to, take_breach_step
from .factories import BreachCaseFactory

pytestmark = pytest.mark.django_db


def _at(status: str, **fields):
    return BreachCaseFactory(status=status, **fields)


# (step, the status it starts from, what it records, the status it ends in)
STEPS = [
    ("acknowledge", BreachStatus.REPORTED, {}, BreachStatus.ACKNOWLEDGED),
    ("assess", BreachStatus.ACKNOWLEDGED, {"route": "local", "assessment": "Talk to the body"}, BreachStatus.ASSESSED),
    ("investigate", BreachStatus.ASSESSED, {}, BreachStatus.INVESTIGATED),
    ("uphold", BreachStatus.INVESTIGATED, {"finding_reasons": "It ran 4 weeks"}, BreachStatus.UPHELD),
    ("partly_uphold", BreachStatus.INVESTIGATED, {"finding_reasons": "Partly"}, BreachStatus.PARTLY_UPHELD),
    ("not_uphold", BreachStatus.INVESTIGATED, {"finding_reasons": "It ran 12 weeks"}, BreachStatus.NOT_UPHELD),
    ("agree_remedy", BreachStatus.UPHELD, {"remedy": "Reopen for 8 weeks"}, BreachStatus.REMEDY_AGREED),
    ("agree_remedy", BreachStatus.PARTLY_UPHELD, {"remedy": "Apologise"}, BreachStatus.REMEDY_AGREED),
    ("close", BreachStatus.REMEDY_AGREED, {"lessons_learned": "Plan 12 weeks"}, BreachStatus.CLOSED),
    ("close", BreachStatus.NOT_UPHELD, {"lessons_learned": "Explain dates"}, BreachStatus.CLOSED),
]


@pytest.fixture
def people(department):
    return {
        "department_staff": UserFactory(roles=[Role.DEPARTMENT_STAFF]),
        "platform_admin": UserFactory(roles=[Role.PLATFORM_ADMIN]),
        "compact_lead": department.compact_lead,
        "commissioner": UserFactory(roles=[Role.COMMISSIONER]),
        "assessor": UserFactory(roles=[Role.ASSESSOR]),
        "board_member": UserFactory(roles=[Role.BOARD_MEMBER]),
        "other_body_lead": UserFactory(),
        "nobody": None,
    }


ALLOWED = {"department_staff", "platform_admin", "compact_lead"}


@pytest.mark.parametrize(("step", "source", "fields", "target"), STEPS)
@pytest.mark.parametrize("who", ["department_staff", "platform_admin", "compact_lead"])
def test_case_workers_take_each_step_with_an_audit_record(people, department, step, source, fields, target, who):
    case = _at(source, body=department)
    take_breach_step(case=case, step=step, by=people[who], reason="Because", **fields)
    case.refresh_from_db()
    assert case.status == target
    record = case.history.latest()
    assert record.history_user == people[who]
    assert record.history_change_reason == "Because"
    assert record.status == target


@pytest.mark.parametrize(("step", "source", "fields", "target"), STEPS)
@pytest.mark.parametrize("who", ["commissioner", "assessor", "board_member", "other_body_lead", "nobody"])
def test_others_may_not_take_any_step(people, department, step, source, fields, target, who):
    case = _at(source, body=department)
    before = case.history.count()
    with pytest.raises(TransitionRefused, match="only department staff or the body's Compact lead"):
        take_breach_step(case=case, step=step, by=people[who], **fields)
    case.refresh_from_db()
    assert case.status == source
    assert case.history.count() == before


def test_the_lead_of_another_body_cannot_work_this_bodys_cases(department, ndpb):
    other_lead = UserFactory()
    ndpb.compact_lead = other_lead
    ndpb.save()
    case = _at(BreachStatus.REPORTED, body=department)
    with pytest.raises(TransitionRefused):
        take_breach_step(case=case, step="acknowledge", by=other_lead)


def test_a_step_out_of_order_is_refused(people, department):
    case = _at(BreachStatus.REPORTED, body=department)
    with pytest.raises(TransitionRefused, match="not possible while this breach case is reported"):
        take_breach_step(case=case, step="uphold", by=people["department_staff"], finding_reasons="Yes")


@pytest.mark.parametrize(
    ("step", "source", "message"),
    [
        ("assess", BreachStatus.ACKNOWLEDGED, "Choose the route"),
        ("uphold", BreachStatus.INVESTIGATED, "Record the finding"),
        ("agree_remedy", BreachStatus.UPHELD, "Record the remedy"),
        ("close", BreachStatus.REMEDY_AGREED, "Record the lessons learned"),
    ],
)
def test_a_step_needs_its_record(people, department, step, source, message):
    case = _at(source, body=department)
    with pytest.raises(TransitionRefused, match=message):
        take_breach_step(case=case, step=step, by=people["department_staff"])
    case.refresh_from_db()
    assert case.status == source


def test_a_not_upheld_case_cannot_have_a_remedy(people, department):
    case = _at(BreachStatus.NOT_UPHELD, body=department)
    with pytest.raises(TransitionRefused):
        take_breach_step(case=case, step="agree_remedy", by=people["department_staff"], remedy="Something")


def test_the_finding_is_kept_as_the_outcome_after_closure(people, department):
    case = _at(BreachStatus.INVESTIGATED, body=department)
    staff = people["department_staff"]
    take_breach_step(case=case, step="partly_uphold", by=staff, finding_reasons="Notice was short")
    take_breach_step(case=case, step="agree_remedy", by=staff, remedy="Extend the grant")
    take_breach_step(case=case, step="close", by=staff, lessons_learned="Give notice")
    case.refresh_from_db()
    assert (case.status, case.outcome, case.found_by) == (BreachStatus.CLOSED, "partly_upheld", staff)
    assert case.closed_on is not None


@pytest.mark.parametrize("source", [s for s in BreachStatus.values if s != BreachStatus.CLOSED])
def test_an_open_case_can_be_escalated_at_any_stage_keeping_its_status(people, department, source):
    case = _at(source, body=department)
    take_breach_step(case=case, step="escalate", by=people["compact_lead"], escalation_reason="Serious")
    case.refresh_from_db()
    assert case.status == source
    assert case.escalated_at is not None
    assert case.escalated_by == people["compact_lead"]
    assert case.escalation_reason == "Serious"
    assert case.history.latest().history_user == people["compact_lead"]


def test_a_closed_case_cannot_be_escalated(people, department):
    case = _at(BreachStatus.CLOSED, body=department)
    with pytest.raises(TransitionRefused):
        take_breach_step(case=case, step="escalate", by=people["department_staff"])


def test_a_case_is_escalated_once(people, department):
    case = _at(BreachStatus.ASSESSED, body=department)
    take_breach_step(case=case, step="escalate", by=people["department_staff"])
    with pytest.raises(TransitionRefused, match="already been escalated"):
        take_breach_step(case=case, step="escalate", by=people["department_staff"])


@pytest.mark.parametrize("who", ["commissioner", "assessor", "nobody"])
def test_only_case_workers_escalate(people, department, who):
    case = _at(BreachStatus.ASSESSED, body=department)
    with pytest.raises(TransitionRefused):
        take_breach_step(case=case, step="escalate", by=people[who])


def test_choosing_the_commissioner_route_at_assessment_escalates(people, department):
    case = _at(BreachStatus.ACKNOWLEDGED, body=department)
    take_breach_step(case=case, step="assess", by=people["department_staff"], route="commissioner")
    assert case.is_escalated


def test_the_commissioner_reviews_an_escalated_case(people, department):
    case = _at(BreachStatus.INVESTIGATED, body=department)
    take_breach_step(case=case, step="escalate", by=people["department_staff"])
    take_breach_step(case=case, step="record_review", by=people["commissioner"], commissioner_review="Agree")
    case.refresh_from_db()
    assert case.reviewed_by == people["commissioner"]
    assert case.status == BreachStatus.INVESTIGATED
    assert case.history.latest().history_user == people["commissioner"]


@pytest.mark.parametrize("who", ["department_staff", "compact_lead", "assessor"])
def test_only_the_commissioner_records_a_review(people, department, who):
    case = _at(BreachStatus.INVESTIGATED, body=department)
    take_breach_step(case=case, step="escalate", by=people["department_staff"])
    with pytest.raises(TransitionRefused, match="only the Compact Commissioner"):
        take_breach_step(case=case, step="record_review", by=people[who], commissioner_review="Agree")


def test_the_commissioner_cannot_review_a_case_not_escalated(people, department):
    case = _at(BreachStatus.INVESTIGATED, body=department)
    with pytest.raises(TransitionRefused, match="escalated"):
        take_breach_step(case=case, step="record_review", by=people["commissioner"], commissioner_review="Hm")


def test_available_steps_offer_the_buttons(people, department):
    case = _at(BreachStatus.INVESTIGATED, body=department)
    assert steps_open_to(case, people["compact_lead"]) == ["uphold", "partly_uphold", "not_uphold", "escalate"]
    assert steps_open_to(case, people["commissioner"]) == []
    take_breach_step(case=case, step="escalate", by=people["department_staff"])
    assert steps_open_to(case, people["commissioner"]) == ["record_review"]
    assert "escalate" not in steps_open_to(case, people["compact_lead"])


def test_the_reporter_is_emailed_at_each_step(people, department):
    case = _at(BreachStatus.REPORTED, body=department, reporter_email="sam@charity.example")
    take_breach_step(case=case, step="acknowledge", by=people["department_staff"])
    assert [message.to for message in mail.outbox] == [["sam@charity.example"]]
    assert case.get_status_url() in mail.outbox[0].body


def test_an_anonymous_reporter_is_never_emailed(people, department):
    case = _at(BreachStatus.REPORTED, body=department, anonymous=True, reporter_name="", reporter_email="")
    take_breach_step(case=case, step="acknowledge", by=people["department_staff"])
    assert mail.outbox == []
