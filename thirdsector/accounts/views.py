from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from .access import public, signed_in
from .forms import PasswordResetForm, SecurityCodeForm, SetPasswordForm, SignInForm
from .selectors import memberships_of
from .services import confirm_authenticator, start_authenticator_enrolment, verify_security_code


def _safe_next(request, default: str = "/") -> str:
    target = request.POST.get("next") or request.GET.get("next") or default
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return default


@public
def sign_in(request):
    form = SignInForm(request.POST or None)
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
    form = SecurityCodeForm(request.POST or None)
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
    form = SecurityCodeForm(request.POST or None)
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
