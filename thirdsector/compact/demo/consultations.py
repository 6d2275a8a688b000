"""Demo consultations for `make run`: a year of the department's and an NDPB's consultations.

Eight consultations at every stage: one with its outcome published, one closed with its outcome overdue,
one short (6 weeks) that closed, three open now (one of them short, with its approved reason), one
published that opens next week and one draft with early engagement recorded. Responses number in the
hundreds (bulk-created, as an import would); an Easy Read request has been sent and a large print one
is in progress. Dates are worked out from today, so the demo looks the same whenever it is loaded.
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from thirdsector.accounts.models import User
from thirdsector.core.workflow import take
from thirdsector.register.models import Organisation, OrganisationKind, PolicyArea

from ..models import (
    Answer,
    CompactBody,
    Consultation,
    ConsultationResponse,
    QuestionKind,
    RespondingAs,
    ResponseStatus,
)
from ..services import consultations as service

SEED = 2008
REASON = "Demo data"
FREE_TEXT_ANSWERS = [
    "Three-year funding would let us keep our staff and plan properly.",
    "Small groups need simpler forms; we are all volunteers.",
    "Please pay in advance: we cannot carry the cost for a quarter.",
    "The proposals are welcome but the timetable is too short for trustees to meet.",
    "BME-led groups were not reached by the early events; hold some in the evening.",
    "We agree, and would add support for volunteer expenses.",
    "=SUM(A1:A9) is how our treasurer would put it: the sums do not add up.",
]
STANDARD_QUESTIONS = [
    ("Do you agree with the proposals overall?", QuestionKind.AGREE_SCALE, []),
    (
        "Which kinds of funding does your organisation rely on?",
        QuestionKind.MULTIPLE_CHOICE,
        ["Grants", "Contracts", "Donations", "Earned income"],
    ),
    ("Would you prefer the changes to start in April or October?", QuestionKind.SINGLE_CHOICE, ["April", "October"]),
    ("What else should we consider?", QuestionKind.FREE_TEXT, []),
]


def _bodies(staff) -> tuple[CompactBody, CompactBody] | None:
    department = Organisation.objects.filter(kind=OrganisationKind.GOVERNMENT_DEPARTMENT).order_by("pk").first()
    ndpb = Organisation.objects.filter(kind=OrganisationKind.NDPB).order_by("pk").first()
    if department is None or ndpb is None:
        return None
    made = []
    for organisation, lead in ((department, staff), (ndpb, None)):
        body, _created = CompactBody.objects.get_or_create(
            organisation=organisation,
            defaults={
                "compact_lead": lead,
                "lead_name": lead.full_name if lead else "Compact lead",
                "lead_email": lead.email if lead else "compact@ndpb.example",
            },
        )
        made.append(body)
    return made[0], made[1]


def _weeks(today: datetime.date, weeks: int) -> datetime.date:
    return today + datetime.timedelta(weeks=weeks)


def _consultation(staff, body, area, title, summary, opens_on, closes_on, short_reason=None) -> Consultation:
    consultation = service.create_consultation(
        body=body,
        by=staff,
        policy_area=area,
        title=title,
        summary=summary,
        who_is_consulted="Voluntary and community organisations, charities, social enterprises and anyone with a view.",
        how_to_respond="Respond online on this page, or by email or post to the consultation team. Other formats "
        "are available on request.",
        opens_on=opens_on,
        closes_on=closes_on,
    )
    for text, kind, options in STANDARD_QUESTIONS:
        service.add_question(consultation=consultation, by=staff, text=text, kind=kind, options=options)
    service.record_early_engagement(
        consultation=consultation,
        by=staff,
        held_on=min(opens_on, timezone.localdate()) - datetime.timedelta(weeks=6),
        who="Regional networks and two national umbrella bodies",
        how="Workshops in Leeds, Birmingham and London",
        result="The options were widened to include payment in advance.",
    )
    if short_reason:
        service.record_short_period_approval(
            consultation=consultation,
            by=staff,
            reason=short_reason,
            approved_by_name="Helen Marsh",
            approved_by_role="Director General, Communities",
            approved_on=opens_on - datetime.timedelta(weeks=2),
        )
    return consultation


def _responses(rng: random.Random, consultation: Consultation, count: int, *, drafts: int = 0) -> None:
    """Bulk-created responses with answers, submitted on days spread over the period."""
    questions = list(consultation.questions.all())
    days = max(1, (min(consultation.closes_on, timezone.localdate()) - consultation.opens_on).days)
    rows = []
    for number in range(count + drafts):
        as_organisation = rng.random() < 0.6
        submitted = number < count
        when = timezone.make_aware(
            datetime.datetime.combine(
                consultation.opens_on + datetime.timedelta(days=rng.randrange(days)), datetime.time(10)
            )
        )
        rows.append(
            ConsultationResponse(
                consultation=consultation,
                status=ResponseStatus.SUBMITTED if submitted else ResponseStatus.DRAFT,
                responding_as=RespondingAs.ORGANISATION if as_organisation else RespondingAs.INDIVIDUAL,
                organisation_name=f"Community group {rng.randrange(1, 400)}" if as_organisation else "",
                name=f"Respondent {consultation.pk}-{number + 1}",
                email=f"respondent{consultation.pk}-{number + 1}@example.org",
                publish_name=rng.random() < 0.4,
                publish_organisation=as_organisation and rng.random() < 0.7,
                confidential=rng.random() < 0.1,
                submitted_at=when if submitted else None,
            )
        )
    created = ConsultationResponse.objects.bulk_create(rows)
    answers = []
    for response in created:
        for question in questions:
            if question.kind == QuestionKind.FREE_TEXT:
                answers.append(Answer(response=response, question=question, text=rng.choice(FREE_TEXT_ANSWERS)))
            elif question.kind == QuestionKind.MULTIPLE_CHOICE:
                picked = [option for option in question.options if rng.random() < 0.5] or question.options[:1]
                answers.append(Answer(response=response, question=question, choices=picked))
            else:
                answers.append(Answer(response=response, question=question, text=rng.choice(question.choices)))
    Answer.objects.bulk_create(answers, batch_size=2000)


def load_consultations() -> None:
    _load_consultations()


@transaction.atomic
def _load_consultations() -> None:
    if Consultation.objects.exists():
        return
    staff = User.objects.filter(email="staff@demo.thirdsector.example").first()
    if staff is None:
        return
    bodies = _bodies(staff)
    if bodies is None:
        return
    department, ndpb = bodies
    areas = list(PolicyArea.objects.order_by("name"))
    rng = random.Random(SEED)
    today = timezone.localdate()
    short_winter = (
        "Grants must be paid before the winter: a 12-week consultation would have ended after the money was needed."
    )
    short_monitoring = "The new returns must be agreed before the financial year starts in April."

    def area(number: int) -> PolicyArea:
        return areas[number % len(areas)]

    # 1. Outcome published.
    volunteering = _consultation(
        staff, department, area(0), "Volunteering: the next ten years",
        "How government should support volunteering and the organisations that involve volunteers.",
        _weeks(today, -44), _weeks(today, -32),
    )  # fmt: skip
    # 2. Closed, outcome overdue.
    full_cost = _consultation(
        staff, department, area(1), "Full cost recovery in grant programmes",
        "Guidance on paying a fair share of overheads in the department's grants and contracts.",
        _weeks(today, -30), _weeks(today, -18),
    )  # fmt: skip
    # 3. Short (6 weeks) with an approved reason, closed; outcome not yet due.
    winter = _consultation(
        staff, ndpb, area(2), "Emergency winter grants for community anchors",
        "How a one-off fund for community anchors' buildings this winter should be shared.",
        _weeks(today, -12), _weeks(today, -6), short_reason=short_winter,
    )  # fmt: skip
    # 4-6. Open now; the last is short with an approved reason.
    laa = _consultation(
        staff, department, area(3), "Local Area Agreements: the third sector's place",
        "How local partnerships should involve the sector in choosing and delivering improvement targets.",
        _weeks(today, -4), _weeks(today, 8),
    )  # fmt: skip
    assets = _consultation(
        staff, ndpb, area(4), "Community asset transfer",
        "Helping community organisations take on buildings and land from councils.",
        _weeks(today, -2), _weeks(today, 10),
    )  # fmt: skip
    monitoring = _consultation(
        staff, department, area(5), "Lighter monitoring for small grants",
        "Proportionate monitoring: shorter returns for grants under £10,000.",
        _weeks(today, -1), _weeks(today, 7), short_reason=short_monitoring,
    )  # fmt: skip
    # 7. Published, opens next week. 8. A draft.
    faith = _consultation(
        staff, ndpb, area(6), "Faith groups and public services",
        "How faith-based organisations can deliver public services on fair terms.",
        _weeks(today, 1), _weeks(today, 13),
    )  # fmt: skip
    _consultation(
        staff, department, area(7), "The Compact Commissioner's role",
        "Whether the Commissioner should be able to investigate breaches on their own initiative.",
        _weeks(today, 3), _weeks(today, 15),
    )  # fmt: skip

    for consultation in (volunteering, full_cost, winter, laa, assets, monitoring, faith):
        take(consultation, "publish", by=staff, reason=REASON)
    _responses(rng, volunteering, 160)
    _responses(rng, full_cost, 95)
    _responses(rng, winter, 48)
    _responses(rng, laa, 62, drafts=6)
    _responses(rng, assets, 27, drafts=2)
    _responses(rng, monitoring, 14, drafts=1)
    for consultation in (volunteering, full_cost, winter):
        take(consultation, "close", by=staff, reason=REASON)

    service.save_analysis(
        consultation=volunteering,
        by=staff,
        analysis_notes="Responses read by two analysts; themes agreed at a workshop with the sector's networks.",
    )
    for name, count, quotes in (
        ("Longer-term funding for volunteer-involving organisations", 74, FREE_TEXT_ANSWERS[0]),
        ("Paying volunteers' expenses", 41, FREE_TEXT_ANSWERS[5]),
        ("Reaching BME-led groups", 22, FREE_TEXT_ANSWERS[4]),
    ):
        service.add_theme(consultation=volunteering, by=staff, name=name, count=count, quotes=quotes)
    service.write_outcome(
        consultation=volunteering,
        by=staff,
        we_asked="How government should support volunteering over the next ten years.",
        you_said="Fund volunteer-involving organisations for longer, pay volunteers' expenses, and reach BME-led "
        "groups through the networks they trust.",
        we_did="Grants in the volunteering programme now run for three years; expenses are an allowed cost; "
        "two BME-led networks are funded to run outreach.",
    )
    take(volunteering, "publish_outcome", by=staff, reason=REASON)
    Consultation.objects.filter(pk=volunteering.pk).update(outcome_published_on=_weeks(today, -24))

    sent = service.request_alternative_format(
        consultation=laa, format="easy_read", name="Jordan Mills", email="jordan@example.org"
    )
    take(sent, "mark_sent", by=staff, reason=REASON)
    in_progress = service.request_alternative_format(
        consultation=laa,
        format="large_print",
        name="Margaret Hill",
        phone="0113 496 0000",
        postal_address="12 Chapel Lane\nLeeds\nLS6 3AA",
    )
    take(in_progress, "start", by=staff, reason=REASON)
    service.request_alternative_format(
        consultation=assets, format="welsh", name="Rhys Owen", email="rhys@example.cymru"
    )
