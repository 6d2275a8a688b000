from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth import views as auth_views
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from thirdsector.register.models import Organisation

from .access import can_manage_members, public, signed_in
from .forms import (
    AddMemberForm,
    ChangeMembershipForm,
    PasswordResetForm,
    SecurityCodeForm,
    SetPasswordForm,
    SignInForm,
)
from .models import Membership
from .selectors import members_of, memberships_of
from .services import (
    MembershipError,
    add_member_by_email,
    change_membership,
    confirm_authenticator,
    start_authenticator_enrolment,
    verify_security_code,
)


def _safe_next(request, default: str = "/") -> str:
    target = request.POST.get("next") or request.GET.get("next") or default
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return default


@public
def sign_in(request):
    form = SignInForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = authenticate(request, email=form.cleaned_data["email"].lower(), password=form.cleaned_data["password"])
        if user is None:
            form.add_error("email", "Enter a correct email address and password")
        else:
            login(request, user)
            if user.needs_second_factor:
                return redirect(f"{reverse_lazy('accounts:verify')}?next={_safe_next(request)}")
            return redirect(_safe_next(request))
    return render(request, "accounts/sign_in.html", {"form": form, "next": _safe_next(request, "")})


def locked_out(request, credentials=None, *args, **kwargs):
    """Shown by django-axes after too many failed sign-ins."""
    return render(request, "accounts/locked_out.html", status=429)


@public
@require_POST
def sign_out(request):
    logout(request)
    messages.success(request, "You have signed out")
    return redirect("core:home")


@signed_in
def verify(request):
    """Second step of sign-in for roles that need it: a TOTP code, or enrolment if none is set up."""
    user = request.user
    if not user.needs_second_factor or user.is_verified():
        return redirect(_safe_next(request))
    if not user.totpdevice_set.filter(confirmed=True).exists():
        return redirect(f"{reverse_lazy('accounts:set-up-authenticator')}?next={_safe_next(request)}")
    form = SecurityCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        device = verify_security_code(user=user, code=form.cleaned_data["code"])
        if device is None:
            form.add_error("code", "The security code is wrong or has expired: enter the code your app shows now")
        else:
            otp_login(request, device)
            return redirect(_safe_next(request))
    return render(request, "accounts/verify.html", {"form": form, "next": _safe_next(request, "")})


@signed_in
def set_up_authenticator(request):
    user = request.user
    if user.totpdevice_set.filter(confirmed=True).exists():
        return redirect("accounts:verify")
    enrolment = start_authenticator_enrolment(user=user)
    form = SecurityCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        device = confirm_authenticator(user=user, code=form.cleaned_data["code"])
        if device is None:
            form.add_error("code", "The security code is wrong: check the key and enter the code your app shows now")
        else:
            otp_login(request, device)
            messages.success(request, "Your authenticator app is set up")
            return redirect(_safe_next(request))
    return render(
        request,
        "accounts/set_up_authenticator.html",
        {"form": form, "enrolment": enrolment, "next": _safe_next(request, "")},
    )


@signed_in
def your_organisations(request):
    return render(request, "accounts/your_organisations.html", {"memberships": memberships_of(request.user)})


@signed_in
def organisation_members(request, organisation_pk: int):
    """Who belongs to an organisation: its administrators and staff add people and change roles."""
    organisation = get_object_or_404(Organisation, pk=organisation_pk, merged_into__isnull=True)
    if not can_manage_members(request.user, organisation):
        raise PermissionDenied
    form = AddMemberForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            membership = add_member_by_email(
                organisation=organisation,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except MembershipError as error:
            form.add_error("email", str(error))
        else:
            messages.success(request, f"{membership.user.full_name} has been added as {membership.get_role_display()}")
            return redirect("accounts:members", organisation_pk=organisation.pk)
    return render(
        request,
        "accounts/members.html",
        {"organisation": organisation, "members": members_of(organisation), "form": form},
    )


@signed_in
def membership_change(request, pk: int):
    membership = get_object_or_404(Membership.objects.select_related("user", "organisation"), pk=pk)
    if not can_manage_members(request.user, membership.organisation):
        raise PermissionDenied
    form = ChangeMembershipForm(request.POST if request.method == "POST" else None, initial={"role": membership.role})
    if request.method == "POST" and form.is_valid():
        role = form.cleaned_data["role"]
        try:
            change_membership(
                membership=membership,
                role=None if role == ChangeMembershipForm.REMOVE else role,
                by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except MembershipError as error:
            form.add_error("role", str(error))
        else:
            messages.success(request, f"{membership.user.full_name}'s membership has been updated")
            return redirect("accounts:members", organisation_pk=membership.organisation_id)
    return render(request, "accounts/membership_change.html", {"membership": membership, "form": form})


password_reset = public(
    auth_views.PasswordResetView.as_view(
        form_class=PasswordResetForm,
        template_name="accounts/password_reset.html",
        email_template_name="accounts/email/password_reset.txt",
        subject_template_name="accounts/email/password_reset_subject.txt",
        success_url=reverse_lazy("accounts:password-reset-sent"),
    )
)
password_reset_sent = public(
    auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_sent.html")
)
password_reset_confirm = public(
    auth_views.PasswordResetConfirmView.as_view(
        form_class=SetPasswordForm,
        template_name="accounts/password_reset_confirm.html",
        success_url=reverse_lazy("accounts:password-reset-complete"),
    )
)
password_reset_complete = public(
    auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html")
)
