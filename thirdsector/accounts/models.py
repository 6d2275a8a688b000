from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin, UserManager
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from rest_framework_api_key.models import AbstractAPIKey
from simple_history.models import HistoricalRecords

from .roles import ROLES_NEEDING_SECOND_FACTOR, MembershipRole, Role


class PersonManager(UserManager):
    def _create_user_object(self, email, password, **extra_fields):
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.password = ""
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        return user

    def create_user(self, email, password=None, **extra_fields):
        user = self._create_user_object(email, password, **extra_fields)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.update(is_staff=True, is_superuser=True)
        user = self._create_user_object(email, password, **extra_fields)
        user.save(using=self._db)
        user.grant_role(Role.PLATFORM_ADMIN)
        return user


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in. Identified by email address; `is_staff` only opens Django admin."""

    email = models.EmailField("Email address", unique=True)
    full_name = models.CharField("Full name", max_length=200)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField("Can use Django admin", default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = PersonManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def roles(self) -> frozenset[str]:
        """The platform roles held, read once per request object."""
        cached = getattr(self, "_roles_cache", None)
        if cached is None:
            cached = frozenset(self.role_grants.values_list("role", flat=True))
            self._roles_cache = cached
        return cached

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    def grant_role(self, role: str) -> None:
        RoleGrant.objects.get_or_create(user=self, role=role)
        self._roles_cache = None

    @property
    def needs_second_factor(self) -> bool:
        return bool(self.roles & ROLES_NEEDING_SECOND_FACTOR)


class RoleGrant(models.Model):
    """A platform role held by a person."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(max_length=32, choices=Role.choices)
    granted_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="unique_role_per_user")]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}"


class Membership(models.Model):
    """A person's place in an organisation, with the role they hold there."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey("register.Organisation", on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=16, choices=MembershipRole.choices, default=MembershipRole.EDITOR)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="unique_membership")]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"


RATE_PATTERN = r"^[1-9]\d*/(second|minute|hour|day)$"


class ApiKey(AbstractAPIKey):
    """A machine client's key to the public API: who it is, who to contact, and how fast it may read.

    The key itself is shown once when issued and kept only as a hash (djangorestframework-api-key);
    `prefix` identifies it in lists and in the rate limit's counter. A key reads what the public may
    read, at `rate`; it is revoked with a reason (never deleted, never un-revoked) or lapses at
    `expiry_date`.
    """

    organisation = models.ForeignKey(
        "register.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="api_keys",
        help_text="The organisation the client acts for, if any",
    )
    contact_email = models.EmailField("Contact email", help_text="Who to tell about changes or misuse")
    rate = models.CharField(
        max_length=32,
        validators=[RegexValidator(RATE_PATTERN, "Enter a rate like 1000/hour (per second, minute, hour or day)")],
        help_text="Requests allowed, like 1000/hour",
    )
    issued_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="api_keys_issued")
    revoked_reason = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta(AbstractAPIKey.Meta):
        verbose_name = "API key"
        verbose_name_plural = "API keys"
