"""Writes for people, roles, memberships and second factors."""

from base64 import b32encode
from dataclasses import dataclass

import segno
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from thirdsector.core.audit import attribute

from .models import Membership, User
from .roles import MembershipRole


@dataclass(frozen=True)
class Enrolment:
    base32_key: str
    config_url: str
    qr_svg: str


def start_authenticator_enrolment(*, user: User) -> Enrolment:
    """Keeps one unconfirmed device per person, so reloading the page shows the same key."""
    device = user.totpdevice_set.filter(confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    qr_svg = segno.make(device.config_url, error="m").svg_inline(scale=4, title="QR code for your authenticator app")
    return Enrolment(base32_key=b32encode(device.bin_key).decode(), config_url=device.config_url, qr_svg=qr_svg)


def verify_security_code(*, user: User, code: str) -> TOTPDevice | None:
    for device in user.totpdevice_set.filter(confirmed=True):
        if device.verify_token(code):
            return device
    return None


def confirm_authenticator(*, user: User, code: str) -> TOTPDevice | None:
    device = user.totpdevice_set.filter(confirmed=False).first()
    if device is None or not device.verify_token(code):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return device


@transaction.atomic
def enrol_known_authenticator(*, user: User, hex_key: str) -> TOTPDevice:
    """Enrols a device with a given key: used by the demo data so its codes can be documented."""
    user.totpdevice_set.all().delete()
    return TOTPDevice.objects.create(user=user, name="Demo authenticator", key=hex_key, confirmed=True)


@transaction.atomic
def create_person(*, email: str, full_name: str, password: str | None, roles: tuple[str, ...] = ()) -> User:
    user = User.objects.create_user(email=email, password=password, full_name=full_name)
    for role in roles:
        user.grant_role(role)
    return user


class MembershipError(Exception):
    """A change to who belongs to an organisation that cannot be made, with the reason."""


def add_membership(*, user: User, organisation, role: str, by=None, reason: str = "Added as a member") -> Membership:
    membership = Membership.objects.filter(user=user, organisation=organisation).first() or Membership(
        user=user, organisation=organisation
    )
    membership.role = role
    attribute(membership, by=by, reason=reason)
    membership.save()
    return membership


@transaction.atomic
def add_member_by_email(*, organisation, email: str, role: str, by, reason: str) -> Membership:
    user = User.objects.filter(email__iexact=email.strip()).first()
    if user is None:
        raise MembershipError("There is no account with that email address: ask them to get one first")
    if Membership.objects.filter(user=user, organisation=organisation).exists():
        raise MembershipError(f"{user.full_name} already belongs to this organisation")
    return add_membership(user=user, organisation=organisation, role=role, by=by, reason=reason)


@transaction.atomic
def change_membership(*, membership: Membership, role: str | None, by, reason: str) -> Membership | None:
    """Changes a member's role, or removes them when `role` is None; an organisation keeps an administrator."""
    administrators = Membership.objects.select_for_update().filter(
        organisation_id=membership.organisation_id, role=MembershipRole.ADMINISTRATOR
    )
    last_administrator = membership.role == MembershipRole.ADMINISTRATOR and len(administrators) == 1
    if last_administrator and role != MembershipRole.ADMINISTRATOR:
        raise MembershipError("Every organisation needs an administrator: make someone else administrator first")
    attribute(membership, by=by, reason=reason)
    if role is None:
        membership.delete()
        return None
    membership.role = role
    membership.save()
    return membership
