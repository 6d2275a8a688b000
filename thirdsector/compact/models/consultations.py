"""Consultations: a body asks the sector, hears back, and says what it did about it.

The workflow is draft → published (open between its dates) → closed → outcome published, run by
department staff (and platform admins). The Compact's consultation code sets the numbers: a written
consultation runs for at least `COMPACT_CONSULTATION_MINIMUM_WEEKS` (12) weeks, and a shorter one is
published only with a recorded reason approved by a named senior official; the outcome is due within
`COMPACT_OUTCOME_DUE_WEEKS` (12) weeks of closing. Both numbers are kept on each consultation as they
were when it was published or closed, so changing a setting does not rewrite past decisions.
"""

import secrets
from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django_fsm import transition
from simple_history.models import HistoricalRecords

from thirdsector.accounts.access import STAFF_ROLES
from thirdsector.core.state_field import StateField
from thirdsector.core.workflow import guard, permission


def minimum_weeks() -> int:
    return getattr(settings, "COMPACT_CONSULTATION_MINIMUM_WEEKS", 12)


def outcome_due_weeks() -> int:
    return getattr(settings, "COMPACT_OUTCOME_DUE_WEEKS", 12)


@permission("department staff")
def consultation_staff(instance, user) -> bool:
    return user is not None and user.is_authenticated and user.has_role(*STAFF_ROLES)


@permission("department staff, or the daily schedule")
def consultation_staff_or_system(instance, user) -> bool:
    return user is None or consultation_staff(instance, user)


class ConsultationStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    CLOSED = "closed", "Closed"
    OUTCOME_PUBLISHED = "outcome_published", "Outcome published"


# Statuses the public sees.
PUBLIC_STATUSES = (ConsultationStatus.PUBLISHED, ConsultationStatus.CLOSED, ConsultationStatus.OUTCOME_PUBLISHED)


class ConsultationQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status__in=PUBLIC_STATUSES)

    def open_on(self, day: date):
        return self.filter(status=ConsultationStatus.PUBLISHED, opens_on__lte=day, closes_on__gte=day)

    def shorter_than_minimum(self):
        """Published consultations that ran for less than the minimum in force when published: a Compact risk."""
        return self.published().filter(shorter_than_minimum=True)

    def outcome_overdue(self, day: date):
        return self.filter(status=ConsultationStatus.CLOSED, outcome_due_on__lt=day)

    def with_outcome(self):
        return self.filter(status=ConsultationStatus.OUTCOME_PUBLISHED)


@guard("Set the opening and closing dates, with the closing date after the opening date.")
def _dates_set(consultation) -> bool:
    return bool(consultation.opens_on and consultation.closes_on and consultation.closes_on > consultation.opens_on)


@guard("Add at least one question before publishing.")
def _has_questions(consultation) -> bool:
    return consultation.questions.exists()


@guard(
    "This consultation is shorter than the minimum period: record the reason and the senior official "
    "who approved it (name, role and date) before publishing."
)
def _short_period_justified(consultation) -> bool:
    return not consultation.is_shorter_than_minimum or consultation.short_period_justified


@guard("The consultation cannot close before its closing date has passed.")
def _closing_date_passed(consultation) -> bool:
    return consultation.closes_on is not None and consultation.closes_on < timezone.localdate()


@guard("Write what you asked, what people said and what you did before publishing the outcome.")
def _outcome_written(consultation) -> bool:
    return all(text.strip() for text in (consultation.we_asked, consultation.you_said, consultation.we_did))


class Consultation(models.Model):
    """A written consultation by a Compact body."""

    body = models.ForeignKey("compact.CompactBody", on_delete=models.PROTECT, related_name="consultations")
    policy_area = models.ForeignKey("register.PolicyArea", on_delete=models.PROTECT, related_name="consultations")
    title = models.CharField(max_length=200)
    summary = models.TextField()
    who_is_consulted = models.TextField("Who we are consulting")
    how_to_respond = models.TextField("How to respond")
    opens_on = models.DateField("Opens", null=True, blank=True)
    closes_on = models.DateField("Closes", null=True, blank=True)
    status = StateField(max_length=20, choices=ConsultationStatus.choices, default=ConsultationStatus.DRAFT)
    # The 12-week rule: a shorter period needs a reason approved by a named senior official.
    short_period_reason = models.TextField("Why the consultation is shorter than the minimum", blank=True)
    short_period_approved_by_name = models.CharField("Approved by (name)", max_length=150, blank=True)
    short_period_approved_by_role = models.CharField("Approved by (role)", max_length=150, blank=True)
    short_period_approved_on = models.DateField("Approved on", null=True, blank=True)
    # Kept as they were when published and closed (DOMAIN.md: a changed rule does not rewrite decisions).
    minimum_weeks_applied = models.PositiveSmallIntegerField(null=True, blank=True)
    shorter_than_minimum = models.BooleanField(default=False)
    outcome_due_on = models.DateField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # After closing.
    analysis_notes = models.TextField("Analysis notes", blank=True)
    we_asked = models.TextField("We asked", blank=True)
    you_said = models.TextField("You said", blank=True)
    we_did = models.TextField("We did", blank=True)
    outcome_published_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_on", "-id"]
        indexes = [
            models.Index(fields=["status", "closes_on"], name="consultation_status_closes_idx"),
            # The API's keyset pages: newest first, and outcomes by when they were published.
            models.Index(fields=["opens_on", "id"], name="consultation_opens_page_idx"),
            models.Index(fields=["outcome_published_on", "id"], name="consultation_outcome_page_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("compact:consultation", args=[self.pk])

    @property
    def period_days(self) -> int | None:
        if not (self.opens_on and self.closes_on):
            return None
        return (self.closes_on - self.opens_on).days

    @property
    def period_weeks_text(self) -> str:
        days = self.period_days
        if days is None:
            return ""
        weeks, extra = divmod(days, 7)
        return f"{weeks} weeks" + (f" and {extra} days" if extra else "")

    @property
    def is_shorter_than_minimum(self) -> bool:
        """For a published consultation, as judged when published; for a draft, by today's setting."""
        if self.status != ConsultationStatus.DRAFT:
            return self.shorter_than_minimum
        days = self.period_days
        return days is not None and days < minimum_weeks() * 7

    @property
    def short_period_justified(self) -> bool:
        return bool(
            self.short_period_reason.strip()
            and self.short_period_approved_by_name.strip()
            and self.short_period_approved_by_role.strip()
            and self.short_period_approved_on
        )

    def is_open_on(self, day: date) -> bool:
        return (
            self.status == ConsultationStatus.PUBLISHED
            and self.opens_on is not None
            and self.opens_on <= day <= self.closes_on
        )

    @property
    def is_open(self) -> bool:
        return self.is_open_on(timezone.localdate())

    def outcome_is_overdue_on(self, day: date) -> bool:
        due = self.outcome_due_on
        return self.status == ConsultationStatus.CLOSED and due is not None and due < day

    @transition(
        status, source=ConsultationStatus.DRAFT, target=ConsultationStatus.PUBLISHED, permission=consultation_staff,
        conditions=[_dates_set, _has_questions, _short_period_justified], custom={"label": "publish"},
    )  # fmt: skip
    def publish(self, *, by):
        self.minimum_weeks_applied = minimum_weeks()
        self.shorter_than_minimum = self.period_days < self.minimum_weeks_applied * 7
        self.published_at = timezone.now()

    @transition(
        status, source=ConsultationStatus.PUBLISHED, target=ConsultationStatus.CLOSED,
        permission=consultation_staff_or_system, conditions=[_closing_date_passed], custom={"label": "close"},
    )  # fmt: skip
    def close(self, *, by):
        self.closed_at = timezone.now()
        self.outcome_due_on = self.closes_on + timedelta(weeks=outcome_due_weeks())

    @transition(
        status, source=ConsultationStatus.CLOSED, target=ConsultationStatus.OUTCOME_PUBLISHED,
        permission=consultation_staff, conditions=[_outcome_written], custom={"label": "publish the outcome"},
    )  # fmt: skip
    def publish_outcome(self, *, by):
        self.outcome_published_on = timezone.localdate()


class ConsultationDocument(models.Model):
    """A document the consultation asks about: an uploaded file or a link to one published elsewhere."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to="consultations/%Y/%m/", blank=True)
    link = models.URLField(blank=True)
    added_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["added_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(file="") & ~models.Q(link="")) | (~models.Q(file="") & models.Q(link="")),
                name="consultation_document_file_or_link",
            )
        ]

    def __str__(self) -> str:
        return self.title


class QuestionKind(models.TextChoices):
    FREE_TEXT = "free_text", "Free text"
    SINGLE_CHOICE = "single_choice", "Single choice"
    MULTIPLE_CHOICE = "multiple_choice", "Multiple choice"
    AGREE_SCALE = "agree_scale", "Agree or disagree (5-point scale)"


AGREE_SCALE = ("Strongly agree", "Agree", "Neither agree nor disagree", "Disagree", "Strongly disagree")
CHOICE_KINDS = (QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE)


class Question(models.Model):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="questions")
    number = models.PositiveSmallIntegerField()
    text = models.CharField(max_length=500)
    hint = models.CharField(max_length=500, blank=True)
    kind = models.CharField(max_length=20, choices=QuestionKind.choices, default=QuestionKind.FREE_TEXT)
    options = models.JSONField(default=list, blank=True, help_text="The choices, for choice questions")
    required = models.BooleanField(default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["consultation", "number"]
        constraints = [models.UniqueConstraint(fields=["consultation", "number"], name="one_question_per_number")]

    def __str__(self) -> str:
        return f"Question {self.number}: {self.text}"

    @property
    def choices(self) -> list[str]:
        if self.kind == QuestionKind.AGREE_SCALE:
            return list(AGREE_SCALE)
        return list(self.options or [])


class EarlyEngagement(models.Model):
    """How the sector was involved before launch, while the options were still open."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="early_engagements")
    held_on = models.DateField("Date")
    who = models.CharField("Who from the sector", max_length=300)
    how = models.CharField("How", max_length=300)
    result = models.TextField("What came of it")
    history = HistoricalRecords()

    class Meta:
        ordering = ["held_on", "id"]

    def __str__(self) -> str:
        return f"{self.held_on}: {self.who}"


class ResponseStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"


class ResponseChannel(models.TextChoices):
    ONLINE = "online", "Online"
    POST = "post", "By post"
    EMAIL = "email", "By email"


class RespondingAs(models.TextChoices):
    INDIVIDUAL = "individual", "As an individual"
    ORGANISATION = "organisation", "On behalf of an organisation"


def _new_token() -> str:
    return secrets.token_urlsafe(32)


@permission("the person responding, or staff recording a response sent by post or email")
def respondent_or_recording_staff(response, user) -> bool:
    if response.channel != ResponseChannel.ONLINE:
        return consultation_staff(response, user)
    if response.respondent_id is None:
        # An anonymous draft: whoever holds its private link (the service checks the token).
        return True
    return user is not None and user.is_authenticated and user.pk == response.respondent_id


@guard("This consultation is not open for responses.")
def _accepting_responses(response) -> bool:
    consultation = response.consultation
    if response.channel == ResponseChannel.ONLINE:
        return consultation.is_open
    # Responses that came by post or email are recorded by staff, also after closing.
    return consultation.status in (ConsultationStatus.PUBLISHED, ConsultationStatus.CLOSED)


class ConsultationResponse(models.Model):
    """One person's or organisation's response; a draft until submitted."""

    consultation = models.ForeignKey(Consultation, on_delete=models.PROTECT, related_name="responses")
    token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    status = StateField(max_length=10, choices=ResponseStatus.choices, default=ResponseStatus.DRAFT)
    channel = models.CharField(max_length=10, choices=ResponseChannel.choices, default=ResponseChannel.ONLINE)
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    responding_as = models.CharField(max_length=12, choices=RespondingAs.choices, default=RespondingAs.INDIVIDUAL)
    organisation = models.ForeignKey(
        "register.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    organisation_name = models.CharField("Organisation", max_length=200, blank=True)
    name = models.CharField("Full name", max_length=150, blank=True)
    email = models.EmailField("Email address", blank=True)
    publish_name = models.BooleanField("Your name may be published", default=False)
    publish_organisation = models.BooleanField("Your organisation's name may be published", default=False)
    confidential = models.BooleanField("Confidential", default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["consultation", "id"]
        indexes = [models.Index(fields=["consultation", "status"], name="response_consult_status_idx")]

    def __str__(self) -> str:
        return f"Response {self.pk} to {self.consultation_id}"

    @property
    def reference(self) -> str:
        return f"CR{self.consultation_id}-{self.pk:06d}"

    @transition(
        status, source=ResponseStatus.DRAFT, target=ResponseStatus.SUBMITTED,
        permission=respondent_or_recording_staff, conditions=[_accepting_responses], custom={"label": "submit"},
    )  # fmt: skip
    def submit(self, *, by):
        self.submitted_at = timezone.now()


class Answer(models.Model):
    """The answer to one question: text for free text, single choice and the scale; a list for multiple choice."""

    response = models.ForeignKey(ConsultationResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    text = models.TextField(blank=True)
    choices = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["question__number"]
        constraints = [models.UniqueConstraint(fields=["response", "question"], name="one_answer_per_question")]

    def __str__(self) -> str:
        return self.as_text()

    def as_text(self) -> str:
        return "; ".join(self.choices) if self.choices else self.text


class Theme(models.Model):
    """A theme found in the responses, how many raised it, and quotes that show it."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="themes")
    name = models.CharField(max_length=200)
    count = models.PositiveIntegerField("Responses raising it")
    quotes = models.TextField(blank=True, help_text="One quote per paragraph")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-count", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def quote_list(self) -> list[str]:
        return [quote.strip() for quote in self.quotes.split("\n\n") if quote.strip()]


class AlternativeFormat(models.TextChoices):
    EASY_READ = "easy_read", "Easy Read"
    LARGE_PRINT = "large_print", "Large print"
    AUDIO = "audio", "Audio"
    BRAILLE = "braille", "Braille"
    WELSH = "welsh", "Welsh"
    POST = "post", "Paper copy by post"


class FormatRequestStatus(models.TextChoices):
    REQUESTED = "requested", "Requested"
    IN_PROGRESS = "in_progress", "In progress"
    SENT = "sent", "Sent"


class AlternativeFormatRequest(models.Model):
    """Someone's request for the consultation in another format, tracked until it is sent."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="format_requests")
    format = models.CharField(max_length=12, choices=AlternativeFormat.choices)
    name = models.CharField("Full name", max_length=150)
    email = models.EmailField("Email address", blank=True)
    phone = models.CharField("Telephone", max_length=40, blank=True)
    postal_address = models.TextField("Postal address", blank=True)
    notes = models.TextField("Anything else we should know", blank=True)
    status = StateField(max_length=12, choices=FormatRequestStatus.choices, default=FormatRequestStatus.REQUESTED)
    requested_at = models.DateTimeField(auto_now_add=True)
    sent_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["requested_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_format_display()} for {self.name}"

    @transition(
        status, source=FormatRequestStatus.REQUESTED, target=FormatRequestStatus.IN_PROGRESS,
        permission=consultation_staff, custom={"label": "start work"},
    )  # fmt: skip
    def start(self, *, by):
        pass

    @transition(
        status, source=[FormatRequestStatus.REQUESTED, FormatRequestStatus.IN_PROGRESS],
        target=FormatRequestStatus.SENT, permission=consultation_staff, custom={"label": "mark as sent"},
    )  # fmt: skip
    def mark_sent(self, *, by):
        self.sent_on = timezone.localdate()
