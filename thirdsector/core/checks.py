"""Checks `manage.py check --deploy` adds to Django's own deployment checklist."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def site_url_is_set(app_configs, **kwargs):
    """Emails leave the site, so their links need the site's address; without it they are relative and dead."""
    if settings.SITE_URL:
        return []
    return [
        Warning(
            "SITE_URL is not set, so links in emails are relative and will not open from a mail client.",
            hint="Set SITE_URL to the service's https:// address, e.g. https://thirdsector.example.",
            id="thirdsector.W001",
        )
    ]
