"""URLs anyone may open: assets offered, assets transferred and an asset's page."""

from django.urls import path

from ..views import public

urlpatterns = [
    path("", public.offered_list, name="offered"),
    path("transferred/", public.transferred_list, name="transferred"),
    path("<int:pk>/", public.asset_detail, name="asset"),
]
