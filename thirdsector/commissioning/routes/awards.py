"""Contract and grant awards, the decisions behind them and the level playing field figures."""

from django.urls import path

from ..views import awards, figures

urlpatterns = [
    path("awards/", awards.award_list_page, name="awards"),
    path("awards/published/", awards.published_award_list, name="published-awards"),
    path("awards/figures/", figures.published_comparison, name="published-figures"),
    path(
        "awards/figures/<int:commissioner_id>/",
        figures.published_commissioner_figures,
        name="published-commissioner-figures",
    ),
    path("awards/<int:award_id>/", awards.award_detail, name="award"),
    path("awards/<int:award_id>/publish/", awards.award_publish, name="award-publish"),
    path("lots/<int:lot_id>/award/", awards.lot_award, name="lot-award"),
    path("figures/", figures.comparison, name="figures"),
    path("commissioners/<int:commissioner_id>/figures/", figures.commissioner_figures, name="commissioner-figures"),
    path("commissioners/<int:commissioner_id>/awards/new/", awards.award_create, name="award-create"),
    path("commissioners/<int:commissioner_id>/decisions/new/", awards.decision_create, name="decision-create"),
    path("decisions/", awards.decision_list_page, name="decisions"),
    path("decisions/<int:decision_id>/", awards.decision_detail, name="decision"),
    path("decisions/<int:decision_id>/involvement/new/", awards.involvement_add, name="involvement-add"),
]
