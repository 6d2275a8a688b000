"""The platform's roles, as in ARCHITECTURE.md's table of users.

A person holds platform roles (department staff, assessor, ...) and, separately, a role in each
organisation they belong to (see `Membership`). Anonymous visitors are the public.
"""

from django.db import models


class Role(models.TextChoices):
    DEPARTMENT_STAFF = "department_staff", "Department staff"
    ASSESSOR = "assessor", "Assessor"
    COMMISSIONER = "commissioner", "Compact Commissioner"
    BOARD_MEMBER = "board_member", "Board member"
    COUNCIL_OFFICER = "council_officer", "Council officer"
    FUND_ADMINISTRATOR = "fund_administrator", "Fund administrator"
    PLATFORM_ADMIN = "platform_admin", "Platform admin"


# Roles that see or decide on other people's data must prove a second factor (TOTP).
ROLES_NEEDING_SECOND_FACTOR = frozenset({Role.DEPARTMENT_STAFF, Role.ASSESSOR, Role.COMMISSIONER, Role.PLATFORM_ADMIN})


class MembershipRole(models.TextChoices):
    ADMINISTRATOR = "administrator", "Administrator"
    EDITOR = "editor", "Editor"
    VIEWER = "viewer", "Viewer"


# Membership roles that may change their organisation's record.
MEMBERSHIP_ROLES_THAT_EDIT = frozenset({MembershipRole.ADMINISTRATOR, MembershipRole.EDITOR})
