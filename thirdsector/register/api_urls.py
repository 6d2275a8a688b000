"""The register's JSON API under /api/v1/; see thirdsector/register/api/v1/ and the schema at /api/v1/schema/."""

from rest_framework.routers import SimpleRouter

from .api.areas import AreaViewSet
from .api.organisations import OrganisationViewSet

app_name = "register_api"

router = SimpleRouter()
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("areas", AreaViewSet, basename="area")

urlpatterns = router.urls
