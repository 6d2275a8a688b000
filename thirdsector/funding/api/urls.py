"""The funding API under /api/v1/ (programmes, rounds, applications, awards); see funding/api/v1/__init__.py."""

from rest_framework.routers import SimpleRouter

from . import regranting, small_grants
from .views import ApplicationViewSet, AwardViewSet, ProgrammeViewSet, RoundViewSet

app_name = "funding_api"

router = SimpleRouter()
router.register("programmes", ProgrammeViewSet, basename="programme")
router.register("rounds", RoundViewSet, basename="round")
router.register("applications", ApplicationViewSet, basename="application")
router.register("awards", AwardViewSet, basename="award")

urlpatterns = [*router.urls, *regranting.urlpatterns, *small_grants.urlpatterns]
