from django.contrib.auth import views as auth_views
from django.urls import path

from accounts import views as accounts

app_name = "accounts"

urlpatterns = [
    path("tokens/", accounts.token_list, name="tokens"),
    path("tokens/new/", accounts.token_create, name="token-create"),
    path("tokens/revoke/", accounts.token_revoke, name="token-revoke"),
]

auth_urlpatterns = [
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
]
