"""Staff pages for machine clients' API keys: the list, issuing one (shown once), revoking one."""

from datetime import date, datetime, time

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.validators import RegexValidator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from thirdsector.core.forms import ChangeReasonField, GovukForm
from thirdsector.register.models import Organisation

from .access import staff_only
from .api_keys import ApiKeyError, api_keys_for_list, issue_api_key, revoke_api_key
from .models import RATE_PATTERN, ApiKey


class IssueApiKeyForm(GovukForm):
    name = forms.CharField(
        label="Client's name",
        max_length=50,
        help_text="What the client is, like 'Leeds council directory sync'",
        error_messages={"required": "Enter the client's name"},
    )
    contact_email = forms.EmailField(
        label="Contact email",
        help_text="Who we tell about changes to the API or misuse of the key",
        error_messages={
            "required": "Enter the contact email",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )
    organisation = forms.IntegerField(
        label="Organisation it acts for (optional)",
        required=False,
        help_text="The organisation's id on the register, as in its page's address",
        error_messages={"invalid": "Enter the organisation's id as a whole number"},
    )
    rate = forms.CharField(
        label="Rate limit",
        initial=settings.API_KEY_DEFAULT_RATE,
        help_text="Requests allowed per second, minute, hour or day, like 1000/hour",
        validators=[RegexValidator(RATE_PATTERN, "Enter a rate like 1000/hour")],
        error_messages={"required": "Enter the rate limit"},
    )
    expires_on = forms.DateField(
        label="Expires on (optional)",
        required=False,
        help_text="For example, 31/3/2027",
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        error_messages={"invalid": "Enter the expiry date as day/month/year, like 31/3/2027"},
    )
    reason = ChangeReasonField(label="Reason for issuing the key")

    def clean_organisation(self):
        pk = self.cleaned_data["organisation"]
        if pk is None:
            return None
        organisation = Organisation.objects.filter(pk=pk).first()
        if organisation is None:
            raise forms.ValidationError("No organisation on the register has this id")
        return organisation


class RevokeApiKeyForm(GovukForm):
    reason = ChangeReasonField(label="Reason for revoking the key")


@staff_only
def api_key_list(request):
    return render(request, "accounts/api_keys/list.html", {"api_keys": api_keys_for_list()})


@staff_only
@never_cache
def api_key_issue(request):
    form = IssueApiKeyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        expires_on = data["expires_on"]
        issued = issue_api_key(
            name=data["name"],
            contact_email=data["contact_email"],
            organisation=data["organisation"],
            rate=data["rate"],
            expires_at=_end_of(expires_on) if expires_on else None,
            by=request.user,
            reason=data["reason"],
        )
        # Rendered, not redirected: the key exists only in this response and is never shown again.
        return render(request, "accounts/api_keys/issued.html", {"issued": issued})
    return render(request, "accounts/api_keys/issue.html", {"form": form})


@staff_only
def api_key_revoke(request, prefix: str):
    api_key = get_object_or_404(ApiKey, prefix=prefix)
    form = RevokeApiKeyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            revoke_api_key(api_key=api_key, by=request.user, reason=form.cleaned_data["reason"])
        except ApiKeyError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"The key for {api_key.name} has been revoked")
            return redirect("accounts:api-keys")
    return render(request, "accounts/api_keys/revoke.html", {"api_key": api_key, "form": form})


def _end_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.max))
