"""One factory per Compact model; the defaults make a valid record. Each capability adds its own below."""

import datetime

import factory

from thirdsector.register.models import OrganisationKind
from thirdsector.register.tests.factories import OrganisationFactory

from ..models import CompactBody


class CompactBodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CompactBody

    organisation = factory.SubFactory(OrganisationFactory, kind=OrganisationKind.NDPB)
    lead_name = "Jo Compact-Lead"
    lead_email = factory.Sequence(lambda n: f"compact.lead{n}@department.example")


# Policy proofing and staff awareness (models named as strings so this block needs no imports of its own)


class PolicyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "compact.Policy"

    body = factory.SubFactory(CompactBodyFactory)
    title = factory.Sequence(lambda n: f"Policy {n}")
    summary = "What the policy would change and for whom."
    decision_date = factory.Faker("date_between", start_date="+30d", end_date="+180d")


class ProofingAssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "compact.ProofingAssessment"

    policy = factory.SubFactory(PolicyFactory)
    assessor = factory.SubFactory("thirdsector.accounts.tests.factories.UserFactory", roles=["department_staff"])
    effect_on_sector = "Small: funded groups keep their grants."
    conclusion = "The policy follows the Compact."


class ProofingRiskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "compact.ProofingRisk"

    assessment = factory.SubFactory(ProofingAssessmentFactory)
    position = factory.Sequence(lambda n: n)
    description = "Consultation shorter than 12 weeks"
    mitigation = "Early engagement with the sector's networks"


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "compact.Team"

    name = factory.Sequence(lambda n: f"Team {n}")
    body = factory.SubFactory(CompactBodyFactory)


class TeamMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "compact.TeamMembership"

    team = factory.SubFactory(TeamFactory)
    person = factory.SubFactory("thirdsector.accounts.tests.factories.UserFactory")
    in_scope = True
    joined_on = datetime.date(2015, 1, 1)  # before every day the tests count on, unless a test says otherwise


class TrainingSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "compact.TrainingSession"

    title = factory.Sequence(lambda n: f"Compact training {n}")
    held_on = factory.Faker("date_between", start_date="-300d", end_date="-1d")
    kind = "compact_training"


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "compact.Attendance"

    session = factory.SubFactory(TrainingSessionFactory)
    person = factory.SubFactory("thirdsector.accounts.tests.factories.UserFactory")
    completed = True


# --- Breach cases ---


def _breach_due_dates(case):
    from ..services.breaches import due_dates

    return due_dates(case.reported_on)


def _today():
    from django.utils import timezone

    return timezone.localdate()


def _a_date_in_january():
    import datetime

    return datetime.date(2026, 1, 5)


class BreachCaseFactory(factory.django.DjangoModelFactory):
    """A case just reported by a named person with an email address, naming one commitment."""

    class Meta:
        model = "compact.BreachCase"
        skip_postgeneration_save = True

    reference = factory.Sequence(lambda n: f"BR-T{n:07d}")
    body = factory.SubFactory(CompactBodyFactory)
    what_happened = "The consultation ran for four weeks, with no reason given."
    happened_on = factory.LazyFunction(_a_date_in_january)
    reporter_name = "Sam Reporter"
    reporter_email = factory.Sequence(lambda n: f"reporter{n}@charity.example")
    reported_on = factory.LazyFunction(_today)
    acknowledge_due_on = factory.LazyAttribute(lambda case: _breach_due_dates(case)[0])
    response_due_on = factory.LazyAttribute(lambda case: _breach_due_dates(case)[1])

    @factory.post_generation
    def commitments(self, create, extracted, **kwargs):
        if not create:
            return
        from ..models import Commitment

        self.commitments.set(extracted if extracted is not None else [Commitment.objects.order_by("id").first()])


# ---- Consultations ------------------------------------------------------------------------------


def _first_policy_area():
    from thirdsector.register.models import PolicyArea

    return PolicyArea.objects.order_by("id").first()


def _weeks_from_today(weeks: int):
    import datetime

    return datetime.date.today() + datetime.timedelta(weeks=weeks)


class ConsultationFactory(factory.django.DjangoModelFactory):
    """A draft that opened a week ago and runs for 12 weeks; build published ones with status=..."""

    class Meta:
        model = "compact.Consultation"

    body = factory.SubFactory(CompactBodyFactory)
    policy_area = factory.LazyFunction(_first_policy_area)
    title = factory.Sequence(lambda n: f"Consultation {n} on volunteering")
    summary = "We want to hear how the sector would change the way volunteering is supported."
    who_is_consulted = "Voluntary and community organisations, and anyone with a view."
    how_to_respond = "Online, or by email to consultation@department.example."
    opens_on = factory.LazyFunction(lambda: _weeks_from_today(-1))
    closes_on = factory.LazyFunction(lambda: _weeks_from_today(11))


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "compact.Question"

    consultation = factory.SubFactory(ConsultationFactory)
    number = factory.Sequence(lambda n: n + 1)
    text = "What would you change?"
    kind = "free_text"


class ConsultationResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "compact.ConsultationResponse"

    consultation = factory.SubFactory(ConsultationFactory)
    name = "Pat Respondent"
    email = factory.Sequence(lambda n: f"respondent{n}@example.org")


class AlternativeFormatRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "compact.AlternativeFormatRequest"

    consultation = factory.SubFactory(ConsultationFactory, status="published")
    format = "large_print"
    name = "Lee Reader"
    postal_address = "1 High Street\nLeeds\nLS1 1AA"
