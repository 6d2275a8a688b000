"""URLs for local partnerships: LSPs, LAAs, funding-practice returns and the duty to inform, consult and involve."""

from django.urls import path

from ..views import local as views

urlpatterns = [
    path("local/", views.partnership_list, name="local-partnerships"),
    path("local/funding-returns/", views.funding_comparison, name="local-funding-comparison"),
    path("local/funding-returns.csv", views.funding_comparison_csv, name="local-funding-comparison-csv"),
    path("local/agreements/<int:agreement_id>/", views.agreement_detail, name="local-agreement"),
    path("local/agreements/<int:agreement_id>/targets/add/", views.target_add, name="local-target-add"),
    path("local/<int:council_id>/", views.partnership_detail, name="local-partnership"),
    path("local/<int:council_id>/edit/", views.partnership_edit, name="local-partnership-edit"),
    path("local/<int:council_id>/members/add/", views.member_add, name="local-member-add"),
    path("local/<int:council_id>/members/<int:member_id>/remove/", views.member_remove, name="local-member-remove"),
    path("local/<int:council_id>/agreements/add/", views.agreement_add, name="local-agreement-add"),
    path("local/<int:council_id>/engagement/", views.engagement_list, name="local-engagement"),
    path("local/<int:council_id>/engagement/add/", views.engagement_add, name="local-engagement-add"),
    path("local/<int:council_id>/funding-returns/", views.funding_return_list, name="local-funding-returns"),
    path("local/<int:council_id>/funding-returns/add/", views.funding_return_file, name="local-funding-return-add"),
    path(
        "local/<int:council_id>/funding-returns/<int:year>/",
        views.funding_return_file,
        name="local-funding-return-edit",
    ),
]
