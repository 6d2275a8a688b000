"""The Compact's pages in the browser, as department staff, the Compact Commissioner and the public see them.

A small Compact year is seeded in Python (the department and an NDPB with breaches, consultations,
policies and training) and every kind of page is checked with axe-core (WCAG 2.2 AA) and the project's
page checks.
"""

from collections.abc import Callable, Iterator

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from thirdsector.accounts.demo import DEMO_TOTP_HEX_KEY
from thirdsector.accounts.roles import Role
from thirdsector.accounts.services import create_person, enrol_known_authenticator
from thirdsector.compact.models import BreachCase, Consultation, ConsultationStatus, ProofingAssessment
from thirdsector.compact.tests.dashboard_fixtures import build_compact_year, this_year
from thirdsector.compact.tests.factories import CompactBodyFactory, QuestionFactory
from thirdsector.register.models import OrganisationKind
from thirdsector.register.tests.factories import OrganisationFactory

from .conftest import _watched_context
from .support import problems_on, sign_in_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def compact_year(transactional_db, staff_person):
    department = CompactBodyFactory(
        organisation=OrganisationFactory(
            name="Department for Communities and Local Government", kind=OrganisationKind.GOVERNMENT_DEPARTMENT
        ),
        compact_lead=staff_person,
        lead_name=staff_person.full_name,
    )
    ndpb = CompactBodyFactory(
        organisation=OrganisationFactory(name="Community Development Foundation", kind=OrganisationKind.NDPB)
    )
    year = build_compact_year(department, ndpb)
    consultation = Consultation.objects.filter(body=department, status=ConsultationStatus.PUBLISHED).first()
    QuestionFactory(consultation=consultation, number=1, text="Do you agree with the proposals?")
    draft = Consultation.objects.filter(body=department, status=ConsultationStatus.DRAFT).first()
    for number in (1, 2):
        QuestionFactory(consultation=draft, number=number, text=f"Draft question {number}")
    return year


@pytest.fixture
def commissioner(transactional_db):
    person = create_person(
        email="cleo.marsh@commissioner.example", full_name="Cleo Marsh", password=None, roles=(Role.COMMISSIONER,)
    )
    enrol_known_authenticator(user=person, hex_key=DEMO_TOTP_HEX_KEY)
    return person


@pytest.fixture
def page_for(browser, page_watch, live_server) -> Iterator[Callable]:
    """`page_for(person)`: a watched page in a new browser context where `person` is signed in."""
    contexts = []

    def open_page_for(person):
        context = _watched_context(browser, page_watch, base_url=live_server.url)
        contexts.append(context)
        sign_in_as(context, person, live_server)
        return context.new_page()

    yield open_page_for
    for context in contexts:
        context.close()
    assert not page_watch.problems, "The browser reported problems:\n" + "\n".join(page_watch.problems)


def _visit(page, url: str) -> list[str]:
    response = page.goto(url)
    assert response.status == 200, f"{url} answered {response.status}"
    return problems_on(page)


def test_the_compact_pages_are_accessible_to_staff_the_commissioner_and_the_public(
    page_for, page, staff_person, commissioner, compact_year
):
    case = BreachCase.objects.filter(body=compact_year.department, reported_on__year=this_year()).first()
    consultation = Consultation.objects.filter(body=compact_year.department, questions__isnull=False).first()
    assessment = ProofingAssessment.objects.filter(policy__body=compact_year.department).order_by("pk").first()
    year = this_year()
    problems = []

    staff_pages = [
        reverse("compact:dashboard"),
        reverse("compact:dashboard-rows", args=["breaches"]) + f"?year={year}",
        reverse("compact:dashboard-rows", args=["consultations"]) + f"?year={year}",
        reverse("compact:breach-list"),
        reverse("compact:breach", args=[case.reference]),
        reverse("compact:consultations-manage"),
        reverse("compact:consultation-manage", args=[consultation.pk]),
        reverse("compact:policies"),
        reverse("compact:policy", args=[assessment.policy_id]),
        reverse("compact:assessment", args=[assessment.pk]),
        reverse("compact:training-completion"),
        reverse("compact:training-sessions"),
    ]
    # A draft's questions can still change: its page offers it, and the change and delete pages.
    draft = Consultation.objects.filter(body=compact_year.department, status=ConsultationStatus.DRAFT).first()
    question = draft.questions.get(number=1)
    staff_pages += [
        reverse("compact:consultation-manage", args=[draft.pk]),
        reverse("compact:consultation-question-edit", args=[draft.pk, question.pk]),
        reverse("compact:consultation-question-delete", args=[draft.pk, question.pk]),
    ]
    staff_page = page_for(staff_person)
    for url in staff_pages:
        problems += _visit(staff_page, url)
    staff_page.goto(reverse("compact:consultation-question-edit", args=[draft.pk, question.pk]))
    staff_page.get_by_label("Question", exact=True).fill("")
    staff_page.get_by_role("button", name="Save").click()
    expect(staff_page.get_by_role("alert")).to_contain_text("There is a problem")
    problems += problems_on(staff_page)
    staff_page.goto(reverse("compact:breach-list"))
    expect(staff_page.locator("main")).to_contain_text(case.reference)

    commissioner_page = page_for(commissioner)
    for url in [
        reverse("compact:dashboard"),
        reverse("compact:assessment", args=[assessment.pk]),
        reverse("compact:assessment-comment", args=[assessment.pk]),
    ]:
        problems += _visit(commissioner_page, url)
    expect(commissioner_page.locator("main form textarea")).to_have_count(1)
    problems += _visit(commissioner_page, reverse("compact:consultation-manage", args=[consultation.pk]))
    expect(commissioner_page.get_by_role("heading", level=1)).to_have_text(consultation.title)
    expect(commissioner_page.locator("main form")).to_have_count(0)

    for url in [
        reverse("compact:consultations"),
        reverse("compact:consultation-outcomes"),
        reverse("compact:statistics"),
        reverse("compact:breach-report"),
    ]:
        problems += _visit(page, url)

    assert not problems, "\n".join(problems)
