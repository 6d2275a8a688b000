"""The council portal's URLs: its assets and proposals, offering and withdrawing an asset."""

from django.urls import path

from ..views import council

urlpatterns = [
    path("council/", council.council_portal, name="council"),
    path("council/offer/", council.offer, name="offer"),
    path("<int:pk>/withdraw/", council.withdraw, name="asset-withdraw"),
]
