"""The commissioning API URLs under /api/v1/commissioning/; each capability adds its module's `urlpatterns` here."""

from . import awards, plans

app_name = "commissioning_api"

urlpatterns = [*plans.urlpatterns, *awards.urlpatterns]
