"""The short form a small group fills in for its local funder, and the register's limits on who may ask.

Income comes from the group's record on the register: under £30,000 may apply, £30,000 or more may not,
and a group whose income is not on its record is refused until it adds it (it cannot be checked). The
amount asked must be £250 to £5,000, both ends allowed.
"""

from decimal import Decimal

import pytest
from django.urls import reverse

from thirdsector.accounts.roles import MembershipRole
from thirdsector.accounts.tests.factories import MembershipFactory
from thirdsector.conftest import signed_in_client

from ..errors import NotEligible
from ..forms.applications import QUESTIONS, SHORT_QUESTIONS
from ..models import Application, ApplicationStatus
from ..services.applications import declare, save_answers, start_application, submit_application
from ..services.eligibility import check_eligibility, failures
from .factories import today
from .small_grants_helpers import local_funder_programme, small_group

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(db):
    return local_funder_programme()


@pytest.fixture
def round_(programme):
    return programme.rounds.get()


def _editor(group):
    return MembershipFactory(organisation=group, role=MembershipRole.ADMINISTRATOR).user


@pytest.mark.parametrize(
    ("income", "eligible"),
    [("0.00", True), ("29999.99", True), ("30000.00", False), ("30000.01", False), ("250000.00", False)],
)
def test_income_must_be_under_30000_on_the_register(round_, income, eligible):
    reasons = failures(check_eligibility(small_group(income=income), round_))

    assert (not reasons) is eligible
    if not eligible:
        assert reasons == [
            f"Your annual income of £{Decimal(income):,.0f} is not under this programme's limit of £30,000."
        ]


def test_a_group_with_no_income_on_its_record_is_told_to_add_it(round_):
    reasons = failures(check_eligibility(small_group(income=None), round_))

    assert reasons == ["We do not know your organisation's annual income: add it to your organisation's record."]


def test_a_refused_group_cannot_start_an_application(round_):
    group = small_group(income="45000.00")

    with pytest.raises(NotEligible) as refused:
        start_application(round_=round_, organisation=group, by=_editor(group))

    assert "not under this programme's limit of £30,000" in refused.value.reasons[0]
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    ("amount", "reason"),
    [
        ("249.99", "Ask for at least £250."),
        ("250.00", None),
        ("5000.00", None),
        ("5000.01", "Ask for no more than £5,000."),
    ],
)
def test_the_amount_must_be_250_to_5000(round_, amount, reason):
    group = small_group()
    editor = _editor(group)
    application = start_application(round_=round_, organisation=group, by=editor)
    save_answers(
        application=application,
        by=editor,
        project_title="Coffee mornings",
        summary="Room hire and refreshments.",
        need="Older people on the estate are lonely.",
        outcomes="Forty people meet every week.",
        amount_requested=Decimal(amount),
        starts_on=today(),
    )
    declare(application=application, by=editor)

    if reason is None:
        submit_application(application=application, by=editor)
        assert application.status == ApplicationStatus.SUBMITTED
    else:
        with pytest.raises(NotEligible) as refused:
            submit_application(application=application, by=editor)
        assert refused.value.reasons == [reason]


def test_the_short_form_asks_four_questions_and_the_length_comes_from_the_programme(round_, programme):
    group = small_group()
    application = start_application(round_=round_, organisation=group, by=_editor(group))

    assert len(SHORT_QUESTIONS) == 4 < len(QUESTIONS)
    assert application.duration_months == programme.default_grant_months == 12


def _post(client, application, slug, data):
    url = reverse("funding:application-question", args=[application.reference, slug])
    return client.post(url, data)


def test_a_group_applies_through_the_four_short_pages(round_):
    group = small_group()
    client = signed_in_client(_editor(group))
    response = client.post(reverse("funding:apply", args=[round_.pk]), {"organisation": group.pk})
    application = Application.objects.get()
    assert response.url == reverse("funding:application-tasks", args=[application.reference])

    tasks = client.get(response.url)
    assert [task["id"] for task in tasks.context["tasks"]] == ["summary", "need", "amount", "start-date"]
    steps = [
        ("summary", {"project_title": "Coffee mornings", "summary": "Room hire and tea."}),
        ("need", {"need": "Lonely older neighbours.", "outcomes": "Forty people meet weekly."}),
        ("amount", {"amount_requested": "£2,500"}),
        ("start-date", {"day": today().day, "month": today().month, "year": today().year}),
    ]
    for slug, data in steps:
        response = _post(client, application, slug, data)
        assert response.status_code == 302, response.context["form"].errors
    assert response.url == reverse("funding:application-check", args=[application.reference])

    check = client.get(response.url)
    assert b"Documents" not in check.content
    submitted = client.post(reverse("funding:application-submit", args=[application.reference]), {"confirm": "on"})
    assert submitted.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.amount_requested == Decimal("2500.00")


def test_the_long_form_pages_are_not_found_on_a_short_form(round_):
    group = small_group()
    editor = _editor(group)
    application = start_application(round_=round_, organisation=group, by=editor)

    response = signed_in_client(editor).get(
        reverse("funding:application-question", args=[application.reference, "length"])
    )

    assert response.status_code == 404


def test_an_amount_over_the_limit_is_refused_on_submit_with_the_reason(round_):
    group = small_group()
    editor = _editor(group)
    application = start_application(round_=round_, organisation=group, by=editor)
    save_answers(
        application=application,
        by=editor,
        project_title="Minibus",
        summary="A minibus.",
        need="Transport.",
        outcomes="Trips.",
        amount_requested=Decimal("9000.00"),
        starts_on=today(),
    )

    response = signed_in_client(editor).post(
        reverse("funding:application-submit", args=[application.reference]), {"confirm": "on"}
    )

    assert response.status_code == 200
    assert "Ask for no more than £5,000." in response.content.decode()
