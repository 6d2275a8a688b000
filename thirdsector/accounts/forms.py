from django import forms
from django.contrib.auth import forms as auth_forms

from thirdsector.core.forms import ChangeReasonField, GovukFieldsMixin, GovukForm

from .roles import MembershipRole


class SignInForm(GovukForm):
    email = forms.EmailField(
        label="Email address",
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        error_messages={"required": "Enter your password"},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class SecurityCodeForm(GovukForm):
    code = forms.RegexField(
        label="Security code",
        help_text="The 6-digit code shown in your authenticator app",
        regex=r"^\s*\d{6}\s*$",
        error_messages={"required": "Enter the security code", "invalid": "Enter the 6-digit security code"},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "class": "govuk-input govuk-input--width-5",
            }
        ),
    )

    def clean_code(self) -> str:
        return self.cleaned_data["code"].strip()


class PasswordResetForm(GovukFieldsMixin, auth_forms.PasswordResetForm):
    pass


class SetPasswordForm(GovukFieldsMixin, auth_forms.SetPasswordForm):
    pass


class AddMemberForm(GovukForm):
    email = forms.EmailField(
        label="Their email address",
        help_text="They need an account already",
        error_messages={
            "required": "Enter the email address of the person to add",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )
    role = forms.ChoiceField(
        label="Role",
        choices=MembershipRole.choices,
        initial=MembershipRole.EDITOR,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose their role"},
    )
    reason = ChangeReasonField(initial="Joined the organisation")


class ChangeMembershipForm(GovukForm):
    REMOVE = "remove"
    role = forms.ChoiceField(
        label="Role",
        choices=[*MembershipRole.choices, (REMOVE, "Remove from the organisation")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose their role, or remove them"},
    )
    reason = ChangeReasonField()
