"""One factory per funding model; the defaults make a valid record in an open, funded programme."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from thirdsector.accounts.tests.factories import UserFactory
from thirdsector.register.models import OrganisationKind
from thirdsector.register.tests.factories import OrganisationFactory

from ..financial_years import financial_year_of
from ..models import (
    Application,
    ApplicationMessage,
    AssessorAssignment,
    Award,
    AwardYear,
    Criterion,
    EligibilityRules,
    MonitoringReturn,
    Payment,
    Programme,
    ProgrammeBudget,
    Recovery,
    RecoveryKind,
    Round,
    Score,
    StrategicPartner,
    Variation,
)


def today() -> datetime.date:
    return timezone.localdate()


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Test Grants Programme {n}")
    slug = factory.Sequence(lambda n: f"test-grants-{n}")
    code = factory.Sequence(lambda n: f"TG{n}")
    purpose = "Core funding for national third sector organisations."
    owning_team = "Third Sector Partnerships Team"
    administering_body = factory.SubFactory(
        OrganisationFactory, name="Department for Communities", kind=OrganisationKind.GOVERNMENT_DEPARTMENT
    )

    @factory.post_generation
    def budgets(programme, create, extracted, **kwargs):
        """A budget of £1,000,000 for this financial year and the next three unless told otherwise."""
        if not create:
            return
        years = (
            extracted
            if extracted is not None
            else {financial_year_of(today()) + offset: Decimal("1000000.00") for offset in range(4)}
        )
        for year, amount in years.items():
            ProgrammeBudget.objects.create(programme=programme, financial_year=year, amount=amount)

    @factory.post_generation
    def rules(programme, create, extracted, **kwargs):
        if create:
            EligibilityRules.objects.get_or_create(programme=programme, defaults=kwargs)


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"Criterion {n}")
    guidance = "0 no evidence, 5 strong evidence"
    weight = 1
    maximum_score = 5
    position = factory.Sequence(int)


class RoundFactory(factory.django.DjangoModelFactory):
    """A published round open today."""

    class Meta:
        model = Round

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"Round {n}")
    opens_on = factory.LazyFunction(lambda: today() - datetime.timedelta(days=30))
    closes_on = factory.LazyFunction(lambda: today() + datetime.timedelta(days=30))
    budget = Decimal("3000000.00")
    is_published = True


class StrategicPartnerFactory(factory.django.DjangoModelFactory):
    """Interest registered; pass status/granted_from/review_on for other stages."""

    class Meta:
        model = StrategicPartner
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    reach_into_small_groups = "A network of 400 local member groups."
    reach_into_bme_groups = "A BME-led trustee board and 60 BME-led member groups."
    capacity = "Policy team of four."
    evidence = "Annual report 2025."
    registered_by = factory.SubFactory(UserFactory)


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A complete draft in an open round, ready to declare and submit."""

    class Meta:
        model = Application

    round = factory.SubFactory(RoundFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    reference = factory.Sequence(lambda n: f"APP-{n:08d}")
    project_title = "Core costs of our policy network"
    summary = "Salaries and running costs of our policy team."
    need = "Small groups have no voice in national policy."
    outcomes = "Two hundred groups respond to consultations each year."
    amount_requested = Decimal("150000.00")
    duration_months = 36
    starts_on = factory.LazyFunction(lambda: today() + datetime.timedelta(days=60))
    created_by = factory.SubFactory(UserFactory)


class ApplicationMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ApplicationMessage

    application = factory.SubFactory(ApplicationFactory)
    author = factory.SubFactory(UserFactory)
    from_staff = True
    body = "Please send your latest accounts."


class AssessorAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AssessorAssignment

    application = factory.SubFactory(ApplicationFactory, status="in_assessment")
    assessor = factory.SubFactory(UserFactory, roles=["assessor"])
    assigned_by = factory.SubFactory(UserFactory, roles=["department_staff"])


class ScoreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Score

    assignment = factory.SubFactory(AssessorAssignmentFactory, status="clear")
    criterion = factory.SubFactory(CriterionFactory)
    score = 3
    comment = "Good evidence of reach."


class AwardFactory(factory.django.DjangoModelFactory):
    """A draft three-year award of £150,000 split evenly over three financial years."""

    class Meta:
        model = Award
        skip_postgeneration_save = True

    reference = factory.Sequence(lambda n: f"TG-{n:08d}")
    programme = factory.SubFactory(ProgrammeFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    title = "Core funding"
    amount = Decimal("150000.00")
    starts_on = factory.LazyFunction(lambda: datetime.date(financial_year_of(today()), 4, 1))
    ends_on = factory.LazyAttribute(lambda o: datetime.date(o.starts_on.year + 3, 3, 31))
    months = 36
    payment_frequency = "quarterly"
    conditions = "Spend the grant on the work described in the application."

    @factory.post_generation
    def years(award, create, extracted, **kwargs):
        if not create:
            return
        first = financial_year_of(award.starts_on)
        amounts = extracted if extracted is not None else {first + n: award.amount / 3 for n in range(3)}
        for year, amount in amounts.items():
            AwardYear.objects.create(award=award, programme=award.programme, financial_year=year, amount=amount)


class PaymentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Payment

    award = factory.SubFactory(AwardFactory, status="accepted")
    programme = factory.SelfAttribute("award.programme")
    number = factory.Sequence(lambda n: n + 1)
    due_on = factory.LazyFunction(today)
    financial_year = factory.LazyAttribute(lambda o: financial_year_of(o.due_on))
    amount = Decimal("12500.00")


class MonitoringReturnFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MonitoringReturn

    award = factory.SubFactory(AwardFactory, status="accepted")
    period_starts_on = factory.LazyFunction(lambda: today() - datetime.timedelta(days=200))
    period_ends_on = factory.LazyFunction(lambda: today() - datetime.timedelta(days=20))
    due_on = factory.LazyFunction(lambda: today() + datetime.timedelta(days=10))


class VariationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Variation

    award = factory.SubFactory(AwardFactory, status="accepted")
    new_ends_on = factory.LazyAttribute(lambda o: o.award.ends_on + datetime.timedelta(days=90))
    reason = "Delayed start because of recruitment."
    requested_by = factory.SubFactory(UserFactory)


class RecoveryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recovery

    award = factory.SubFactory(AwardFactory, status="closed")
    kind = RecoveryKind.UNDERSPEND
    amount = Decimal("1200.00")
    reason = "Unspent at the end of the grant."
    recorded_by = factory.SubFactory(UserFactory, roles=["department_staff"])
