"""Writes for people, roles, memberships and second factors."""

from base64 import b32encode
from dataclasses import dataclass

import segno
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import Membership, User


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


def add_membership(*, user: User, organisation, role: str) -> Membership:
    membership, _ = Membership.objects.update_or_create(user=user, organisation=organisation, defaults={"role": role})
    return membership
