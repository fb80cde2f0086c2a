from django.contrib import admin
from django.urls import include, path

from claimtracker.account_urls import auth_urlpatterns

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("claimtracker.api")),
    *auth_urlpatterns,
    path("accounts/", include("claimtracker.account_urls")),
    path("", include("claims.urls")),
    path("", include("sources.urls")),
]
