"""The data catalogue page: every public dataset, its formats, licence, update time and schema."""

from django.conf import settings
from django.shortcuts import render
from django.utils import timezone

from thirdsector.accounts.access import public

from ..selectors.catalogue import Link, datasets


@public
def catalogue(request):
    return render(
        request,
        "opendata/catalogue.html",
        {
            "datasets": datasets(today=timezone.localdate()),
            "licence": Link(settings.OPENDATA_LICENCE_NAME, settings.OPENDATA_LICENCE_URL),
            "prefix": settings.OPENDATA_360GIVING_PREFIX,
        },
    )
