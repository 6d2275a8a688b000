from django.urls import path

from . import api_key_views, views

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.sign_in, name="sign-in"),
    path("sign-in/security-code/", views.verify, name="verify"),
    path("sign-in/set-up-authenticator/", views.set_up_authenticator, name="set-up-authenticator"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("password-reset/", views.password_reset, name="password-reset"),
    path("password-reset/sent/", views.password_reset_sent, name="password-reset-sent"),
    path("password-reset/<uidb64>/<token>/", views.password_reset_confirm, name="password-reset-confirm"),
    path("password-reset/complete/", views.password_reset_complete, name="password-reset-complete"),
    path("your-organisations/", views.your_organisations, name="your-organisations"),
    path("organisations/<int:organisation_pk>/members/", views.organisation_members, name="members"),
    path("memberships/<int:pk>/", views.membership_change, name="membership-change"),
    path("api-keys/", api_key_views.api_key_list, name="api-keys"),
    path("api-keys/issue/", api_key_views.api_key_issue, name="api-key-issue"),
    path("api-keys/<str:prefix>/revoke/", api_key_views.api_key_revoke, name="api-key-revoke"),
]
