from django.urls import path

from .views import duplicates, imports, organisations, search

app_name = "register"

urlpatterns = [
    path("", search.search, name="search"),
    path("new/", organisations.organisation_create, name="create"),
    path("duplicates/", duplicates.duplicates, name="duplicates"),
    path("merge/<int:first_pk>/<int:second_pk>/", duplicates.merge, name="merge"),
    path("<int:pk>/", organisations.organisation_detail, name="organisation"),
    path("<int:pk>/edit/", organisations.organisation_edit, name="edit"),
    path("<int:pk>/identifiers/", organisations.organisation_identifiers, name="identifiers"),
    path(
        "<int:pk>/identifiers/<int:identifier_pk>/make-primary/",
        organisations.identifier_change,
        {"action": "primary"},
        name="identifier-primary",
    ),
    path(
        "<int:pk>/identifiers/<int:identifier_pk>/remove/",
        organisations.identifier_change,
        {"action": "remove"},
        name="identifier-remove",
    ),
    path("<int:pk>/status/", organisations.organisation_status, name="status"),
    path("<int:pk>/history/", organisations.organisation_history, name="history"),
    path("imports/", imports.imports, name="imports"),
    path("imports/<int:pk>/", imports.import_detail, name="import"),
    path("imports/<int:pk>/cancel/", imports.import_cancel, name="import-cancel"),
]
