"""One factory per partnerships model; the defaults make a valid record. Each capability adds its own below."""

# Community Call for Action (imports kept inside this block so capabilities' blocks stay independent)
import datetime as _ccfa_datetime  # noqa: E402

import factory as _ccfa_factory  # noqa: E402


class CommunityCallFactory(_ccfa_factory.django.DjangoModelFactory):
    """A call just raised with Leeds-like defaults; pass `council=` for a particular council."""

    class Meta:
        model = "partnerships.CommunityCall"

    reference = _ccfa_factory.Sequence(lambda n: f"CCFA-T{n:06d}")
    council = _ccfa_factory.SubFactory(
        "thirdsector.register.tests.factories.OrganisationFactory", kind="local_authority"
    )
    ward = "Headingley"
    issue = "Traffic speeds on Otley Road outside the primary school."
    tried = "A petition to the highways team and two complaints, unanswered."
    raiser_name = "Otley Road Residents"
    raiser_email = "residents@example.org"
    councillor_name = "Jane Smith"
    councillor_email = "jane.smith@councillors.example"
    raised_on = _ccfa_factory.LazyFunction(lambda: _ccfa_datetime.date.today())


# Local partnerships (imports kept inside this block so capabilities' blocks stay independent)
import datetime as _local_datetime  # noqa: E402
from decimal import Decimal as _LocalDecimal  # noqa: E402

import factory as _local_factory  # noqa: E402


class LocalStrategicPartnershipFactory(_local_factory.django.DjangoModelFactory):
    class Meta:
        model = "partnerships.LocalStrategicPartnership"

    council = _local_factory.SubFactory(
        "thirdsector.register.tests.factories.OrganisationFactory", kind="local_authority"
    )
    name = _local_factory.LazyAttribute(lambda o: f"{o.council.name} Partnership")
    third_sector_board_seats = 3
    third_sector_theme_group_seats = 6
    supporting_body = "Voluntary Action"
    local_compact = True
    local_compact_signed_on = _local_datetime.date(2008, 6, 1)


class PartnershipMemberFactory(_local_factory.django.DjangoModelFactory):
    class Meta:
        model = "partnerships.PartnershipMember"

    partnership = _local_factory.SubFactory(LocalStrategicPartnershipFactory)
    organisation = _local_factory.SubFactory("thirdsector.register.tests.factories.OrganisationFactory")
    sector = "third_sector"


class LocalAreaAgreementFactory(_local_factory.django.DjangoModelFactory):
    class Meta:
        model = "partnerships.LocalAreaAgreement"

    partnership = _local_factory.SubFactory(LocalStrategicPartnershipFactory)
    starts_on = _local_datetime.date(2008, 4, 1)
    ends_on = _local_datetime.date(2011, 3, 31)


class NationalIndicatorFactory(_local_factory.django.DjangoModelFactory):
    """Indicators 1 to 20 come from the data migration; these start at 300 so they never clash."""

    class Meta:
        model = "partnerships.NationalIndicator"
        django_get_or_create = ("number",)

    number = _local_factory.Sequence(lambda n: 300 + n)
    name = _local_factory.Sequence(lambda n: f"Test indicator {n}")


class AgreementTargetFactory(_local_factory.django.DjangoModelFactory):
    class Meta:
        model = "partnerships.AgreementTarget"

    agreement = _local_factory.SubFactory(LocalAreaAgreementFactory)
    indicator = _local_factory.SubFactory(NationalIndicatorFactory)
    target = "Raise it by 2 percentage points"
    involvement_level = "involved"


class FundingPracticeReturnFactory(_local_factory.django.DjangoModelFactory):
    class Meta:
        model = "partnerships.FundingPracticeReturn"

    council = _local_factory.SubFactory(
        "thirdsector.register.tests.factories.OrganisationFactory", kind="local_authority"
    )
    year = 2025
    total = _LocalDecimal("1000000.00")
    grants = _LocalDecimal("400000.00")
    contracts = _LocalDecimal("600000.00")
    three_years_or_more = _LocalDecimal("250000.00")
    one_year_or_less = _LocalDecimal("500000.00")
    notice_before_cuts = "yes"
    payment_in_advance = "partly"
    small_grants_count = 40
    small_grants_amount = _LocalDecimal("80000.00")


class EngagementActivityFactory(_local_factory.django.DjangoModelFactory):
    class Meta:
        model = "partnerships.EngagementActivity"

    council = _local_factory.SubFactory(
        "thirdsector.register.tests.factories.OrganisationFactory", kind="local_authority"
    )
    happened_on = _local_datetime.date(2026, 3, 2)
    decision = "Closing the Kirkgate day centre"
    kind = "consult"
    groups_reached = "Day centre users, carers' groups"
    groups_reached_count = 12
    outcome = "Opening hours reduced instead of closing"


# --- Strategy progress -------------------------------------------------------------------------
import datetime as _progress_datetime  # noqa: E402

import factory as _progress_factory  # noqa: E402


class StrategyAreaFactory(_progress_factory.django.DjangoModelFactory):
    class Meta:
        model = "partnerships.StrategyArea"

    number = _progress_factory.Sequence(lambda n: 100 + n)
    name = _progress_factory.Sequence(lambda n: f"Strategy area {n}")
    summary = "What the department will do in this area."


class WorkstreamFactory(_progress_factory.django.DjangoModelFactory):
    class Meta:
        model = "partnerships.Workstream"

    area = _progress_factory.SubFactory(StrategyAreaFactory)
    position = _progress_factory.Sequence(lambda n: n + 1)
    title = _progress_factory.Sequence(lambda n: f"Workstream {n}")
    description = "A commitment in the strategy."
    owner_name = "Priya Shah, Third Sector Unit"


class MilestoneFactory(_progress_factory.django.DjangoModelFactory):
    class Meta:
        model = "partnerships.Milestone"

    workstream = _progress_factory.SubFactory(WorkstreamFactory)
    title = _progress_factory.Sequence(lambda n: f"Milestone {n}")
    due_on = _progress_datetime.date(2026, 6, 30)


class StatusUpdateFactory(_progress_factory.django.DjangoModelFactory):
    class Meta:
        model = "partnerships.StatusUpdate"

    workstream = _progress_factory.SubFactory(WorkstreamFactory)
    rag = "green"
    reason = "On track against the plan."
    as_of = _progress_datetime.date(2026, 4, 1)


class RiskOrIssueFactory(_progress_factory.django.DjangoModelFactory):
    class Meta:
        model = "partnerships.RiskOrIssue"

    workstream = _progress_factory.SubFactory(WorkstreamFactory)
    kind = "risk"
    description = "Spending review may delay the funding."
    owner_name = "Priya Shah"
    mitigation = "Plan for both outcomes."
    raised_on = _progress_datetime.date(2026, 3, 1)


# Boards and meetings ------------------------------------------------------------------------------

import datetime as _datetime  # noqa: E402

import factory as _factory  # noqa: E402
from django.utils import timezone as _timezone  # noqa: E402

from thirdsector.partnerships.models import boards as _boards  # noqa: E402


class BoardFactory(_factory.django.DjangoModelFactory):
    class Meta:
        model = _boards.Board

    name = _factory.Sequence(lambda n: f"Board {n}")
    slug = _factory.Sequence(lambda n: f"board-{n}")
    remit = "Oversees the delivery of the strategy."
    min_members = 15
    max_members = 20


class BoardMembershipFactory(_factory.django.DjangoModelFactory):
    class Meta:
        model = _boards.Membership

    board = _factory.SubFactory(BoardFactory)
    name = _factory.Sequence(lambda n: f"Member {n}")
    organisation_name = "A charity"
    sector = _boards.Sector.THIRD_SECTOR
    term_starts_on = _factory.LazyFunction(lambda: _timezone.localdate() - _datetime.timedelta(days=365))


class MeetingFactory(_factory.django.DjangoModelFactory):
    class Meta:
        model = _boards.Meeting

    board = _factory.SubFactory(BoardFactory)
    starts_at = _factory.LazyFunction(lambda: _timezone.now() + _datetime.timedelta(days=30))
    location = "2 Marsham Street, London"


class AgendaItemFactory(_factory.django.DjangoModelFactory):
    class Meta:
        model = _boards.AgendaItem

    meeting = _factory.SubFactory(MeetingFactory)
    title = _factory.Sequence(lambda n: f"Item {n}")


class ActionFactory(_factory.django.DjangoModelFactory):
    class Meta:
        model = _boards.Action

    meeting = _factory.SubFactory(MeetingFactory)
    description = "Write to the councils"
    owner = "The secretariat"
    due_on = _factory.LazyFunction(lambda: _timezone.localdate() + _datetime.timedelta(days=30))


# Forward plan ---------------------------------------------------------------------------------------

from thirdsector.partnerships.models import forward_plan as _forward_plan  # noqa: E402


class ForwardPlanItemFactory(_factory.django.DjangoModelFactory):
    """A published item planned for a meeting of its board a month ahead."""

    class Meta:
        model = _forward_plan.ForwardPlanItem

    board = _factory.SubFactory(BoardFactory)
    meeting = _factory.SubFactory(MeetingFactory, board=_factory.SelfAttribute("..board"))
    planned_on = _factory.LazyAttribute(lambda o: o.meeting.meeting_date if o.meeting else _timezone.localdate())
    title = _factory.Sequence(lambda n: f"Forward plan item {n}")
    description = "What the board will hear and decide."
    lead = "Asha Patel"
    kind = _forward_plan.ItemKind.DISCUSSION
    published = True
