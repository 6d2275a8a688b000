"""Small grants through local funders: end grants, the department's view of them and the public pages."""

from django.urls import path

from ..views import small_grants

urlpatterns = [
    path("small-grants/", small_grants.dashboard, name="small-grants"),
    path("small-grants/end-grants/", small_grants.end_grant_list, name="small-grants-list"),
    path("small-grants/<slug:table>.csv", small_grants.dashboard_csv, name="small-grants-csv"),
    path("small-grants-by-area/", small_grants.by_area, name="small-grants-by-area"),
    path("small-grants-by-area/<slug:table>.csv", small_grants.by_area_csv, name="small-grants-by-area-csv"),
]
