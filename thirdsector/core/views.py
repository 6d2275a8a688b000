from django.shortcuts import render
from django.views.decorators.cache import cache_control

from thirdsector.accounts.access import public

from .tools import sections_for


@public
def home(request):
    return render(request, "core/home.html", {"sections": sections_for(request.user)})


@public
@cache_control(max_age=3600, public=True)
def accessibility(request):
    return render(request, "core/accessibility.html")


@public
def cookies(request):
    return render(request, "core/cookies.html")


@public
def privacy(request):
    return render(request, "core/privacy.html")


@public
def healthcheck(request):
    """A page as small as the stack allows: used by load balancers and as the benchmark baseline."""
    return render(request, "core/healthcheck.html")


def forbidden(request, exception=None):
    return render(request, "core/403.html", status=403)


def not_found(request, exception=None):
    return render(request, "core/404.html", status=404)


def server_error(request):
    # No request context: the failure may be the database, which the navigation reads.
    from django.conf import settings
    from django.http import HttpResponseServerError
    from django.template.loader import render_to_string

    context = {"service_name": settings.SERVICE_NAME, "service_phase": settings.SERVICE_PHASE}
    return HttpResponseServerError(render_to_string("core/500.html", context))
