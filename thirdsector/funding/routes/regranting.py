"""The small grants fund: deprivation data, local funders and the allocation of the fund to them."""

from django.urls import path

from ..views import regranting as views

urlpatterns = [
    path("allocation/", views.fund_list, name="allocation-funds"),
    path("allocation/new/", views.fund_create, name="allocation-fund-create"),
    path("allocation/funds/<slug:slug>/", views.fund_detail, name="allocation-fund"),
    path("allocation/funds/<slug:slug>/table.csv", views.fund_csv, name="allocation-fund-csv"),
    path("allocation/funds/<slug:slug>/calculate/", views.fund_calculate, name="allocation-fund-calculate"),
    path("allocation/funds/<slug:slug>/adjust/", views.fund_adjust, name="allocation-fund-adjust"),
    path("allocation/funds/<slug:slug>/approve/", views.fund_approve, name="allocation-fund-approve"),
    path("allocation/funds/<slug:slug>/funders/<int:pk>/", views.funder_allocation, name="allocation-funder"),
    path(
        "allocation/funds/<slug:slug>/funders/<int:pk>/areas.csv",
        views.funder_allocation,
        name="allocation-funder-csv",
    ),
    path("allocation/deprivation/", views.dataset_list, name="allocation-datasets"),
    path("allocation/deprivation/upload/", views.dataset_upload, name="allocation-dataset-upload"),
    path("allocation/deprivation/<int:pk>/", views.dataset_detail, name="allocation-dataset"),
    path("allocation/local-funders/", views.funder_list, name="allocation-local-funders"),
    path("allocation/local-funders/new/", views.funder_create, name="allocation-local-funder-create"),
    path("allocation/local-funders/<int:pk>/", views.funder_detail, name="allocation-local-funder"),
    path("allocation/local-funders/<int:pk>/edit/", views.funder_edit, name="allocation-local-funder-edit"),
]
