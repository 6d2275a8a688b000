from django.shortcuts import redirect
from django.urls import reverse

# Paths a signed-in person may reach before proving their second factor.
_OPEN_PREFIXES = ("/accounts/", "/static/", "/assets/", "/accessibility/", "/cookies/", "/privacy/")


class SecondFactorRequiredMiddleware:
    """Sends people whose roles need a second factor to prove it before anything else.

    Runs after django-otp's middleware, which sets `user.is_verified()`.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(_OPEN_PREFIXES)
            and user.needs_second_factor
            and not user.is_verified()
        ):
            return redirect(f"{reverse('accounts:verify')}?next={request.get_full_path()}")
        return self.get_response(request)
