"""The yearly stakeholder survey: strategy measure 1, "stakeholders agree that the department and the
sector work well together, with evidence".

Staff build a survey (draft), open it, send it to groups of the register's organisations (one
invitation, with a private link, per organisation) and close it. Each invited organisation submits at
most one response, without signing in; each answer may carry evidence (text, a document, a link).
One agree-scale question is the headline: the share agreeing with it is the strategy's figure.
Questions are of the same kinds as consultations' (`compact.models.consultations.QuestionKind`).
"""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django_fsm import transition
from simple_history.models import HistoricalRecords

from thirdsector.accounts.access import STAFF_ROLES
from thirdsector.compact.models.consultations import AGREE_SCALE, QuestionKind
from thirdsector.core.state_field import StateField
from thirdsector.core.workflow import guard, permission
from thirdsector.register.models import OrganisationKind

# The answers that count as agreeing with an agree-scale question.
AGREEING = AGREE_SCALE[:2]


@permission("department staff")
def survey_staff(instance, user) -> bool:
    return user is not None and user.is_authenticated and user.has_role(*STAFF_ROLES)


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class SurveyGroup(models.TextChoices):
    """Groups of the register a survey is sent to, derived from each organisation's kind and characteristics.

    An organisation can fit several groups (a BME-led charity); its invitation records the first group,
    in this order, of those it was sent to, so the characteristic groups come first: they are chosen to
    hear from those organisations in particular.
    """

    BME_LED = "bme-led", "BME-led organisations"
    USER_LED = "user-led", "User-led organisations"
    CHARITIES = "charities", "Charities"
    COMMUNITY_GROUPS = "community-groups", "Community and faith groups"
    SOCIAL_ENTERPRISES = "social-enterprises", "Social enterprises"
    LOCAL_AUTHORITIES = "local-authorities", "Local authorities"
    PUBLIC_BODIES = "public-bodies", "NDPBs and other public bodies"


# The register characteristic (slug) behind a characteristic group.
GROUP_CHARACTERISTICS = {SurveyGroup.BME_LED: "bme-led", SurveyGroup.USER_LED: "user-led"}
# The organisation kinds behind a kind group.
GROUP_KINDS = {
    SurveyGroup.CHARITIES: (OrganisationKind.REGISTERED_CHARITY, OrganisationKind.CIO),
    SurveyGroup.COMMUNITY_GROUPS: (OrganisationKind.COMMUNITY_GROUP, OrganisationKind.FAITH_GROUP),
    SurveyGroup.SOCIAL_ENTERPRISES: (
        OrganisationKind.CIC,
        OrganisationKind.COMMUNITY_BENEFIT_SOCIETY,
        OrganisationKind.COMPANY_LIMITED_BY_GUARANTEE,
    ),
    SurveyGroup.LOCAL_AUTHORITIES: (OrganisationKind.LOCAL_AUTHORITY,),
    SurveyGroup.PUBLIC_BODIES: (OrganisationKind.NDPB, OrganisationKind.GOVERNMENT_DEPARTMENT),
}


@guard("Set the opening and closing dates, with the closing date after the opening date.")
def _dates_set(survey) -> bool:
    return bool(survey.opens_on and survey.closes_on and survey.closes_on > survey.opens_on)


@guard(
    'Mark exactly one agree-or-disagree question as the headline question ("The department and the sector '
    'work well together") before opening the survey.'
)
def _has_headline(survey) -> bool:
    headlines = list(survey.questions.filter(is_headline=True).values_list("kind", flat=True))
    return headlines == [QuestionKind.AGREE_SCALE]


class Survey(models.Model):
    title = models.CharField(max_length=200)
    year = models.PositiveSmallIntegerField(help_text="The year the survey's figures count towards")
    opens_on = models.DateField("Opens")
    closes_on = models.DateField("Closes")
    intro = models.TextField("Introduction", help_text="What the survey is for, shown above the questions")
    status = StateField(max_length=10, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "-opens_on", "-id"]
        indexes = [models.Index(fields=["year", "status"], name="survey_year_status_idx")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("measures:survey", args=[self.pk])

    def is_accepting_on(self, day) -> bool:
        """Open, and its closing date not yet passed: a late response is refused even before staff close it."""
        return self.status == SurveyStatus.OPEN and day <= self.closes_on

    @property
    def is_accepting(self) -> bool:
        return self.is_accepting_on(timezone.localdate())

    @transition(
        status, source=SurveyStatus.DRAFT, target=SurveyStatus.OPEN, permission=survey_staff,
        conditions=[_dates_set, _has_headline], custom={"label": "open the survey"},
    )  # fmt: skip
    def open(self, *, by):
        self.opened_at = timezone.now()

    @transition(
        status, source=SurveyStatus.OPEN, target=SurveyStatus.CLOSED, permission=survey_staff,
        custom={"label": "close the survey"},
    )  # fmt: skip
    def close(self, *, by):
        self.closed_at = timezone.now()


class SurveyQuestion(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    number = models.PositiveSmallIntegerField()
    text = models.CharField(max_length=500)
    hint = models.CharField(max_length=500, blank=True)
    kind = models.CharField(max_length=20, choices=QuestionKind.choices, default=QuestionKind.AGREE_SCALE)
    options = models.JSONField(default=list, blank=True, help_text="The choices, for choice questions")
    required = models.BooleanField(default=False)
    is_headline = models.BooleanField(
        default=False, help_text="The question whose share agreeing is the strategy's measure"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["survey", "number"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "number"], name="survey_question_number_once"),
            models.UniqueConstraint(
                fields=["survey"], condition=models.Q(is_headline=True), name="survey_one_headline_question"
            ),
        ]

    def __str__(self) -> str:
        return f"Question {self.number}: {self.text}"

    @property
    def choices(self) -> list[str]:
        if self.kind == QuestionKind.AGREE_SCALE:
            return list(AGREE_SCALE)
        return list(self.options or [])

    @property
    def is_agree_scale(self) -> bool:
        return self.kind == QuestionKind.AGREE_SCALE


def _new_token() -> str:
    return secrets.token_urlsafe(32)


class SurveyInvitation(models.Model):
    """One organisation asked to respond: its private link (token) and the group it was sent to."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    organisation = models.ForeignKey("register.Organisation", on_delete=models.PROTECT, related_name="+")
    group = models.CharField(max_length=20, choices=SurveyGroup.choices)
    token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    emails = models.JSONField(default=list, help_text="The addresses the link is sent to")
    created_at = models.DateTimeField(auto_now_add=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["survey", "group", "id"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "organisation"], name="survey_invitation_once"),
        ]
        indexes = [models.Index(fields=["survey", "group"], name="survey_invitation_group_idx")]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_group_display()})"

    def get_absolute_url(self) -> str:
        return reverse("measures:survey-respond", args=[self.token])


class SurveyResponse(models.Model):
    """An invited organisation's submitted answers: at most one per invitation, written all at once."""

    invitation = models.OneToOneField(SurveyInvitation, on_delete=models.PROTECT, related_name="response")
    respondent_name = models.CharField("Your name", max_length=150, blank=True)
    submitted_at = models.DateTimeField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-submitted_at", "-id"]

    def __str__(self) -> str:
        return f"Response from {self.invitation.organisation}"


class SurveyAnswer(models.Model):
    """The answer to one question, with optional evidence: text, a document and/or a link."""

    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(SurveyQuestion, on_delete=models.PROTECT, related_name="answers")
    text = models.TextField(blank=True)
    choices = models.JSONField(default=list, blank=True)
    evidence_text = models.TextField(blank=True)
    evidence_file = models.FileField(upload_to="surveys/evidence/%Y/", blank=True)
    evidence_file_name = models.CharField(max_length=255, blank=True)
    evidence_link = models.URLField(max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["question__number", "id"]
        constraints = [models.UniqueConstraint(fields=["response", "question"], name="survey_answer_once")]

    def __str__(self) -> str:
        return self.as_text()

    def as_text(self) -> str:
        return "; ".join(self.choices) if self.choices else self.text

    @property
    def agrees(self) -> bool:
        return self.question.is_agree_scale and self.text in AGREEING

    @property
    def has_evidence(self) -> bool:
        return bool(self.evidence_text or self.evidence_file or self.evidence_link)
