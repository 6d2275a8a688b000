"""The commissioning API URLs under /api/commissioning/; each capability adds its module's `urlpatterns` here."""

app_name = "commissioning_api"

urlpatterns = []
