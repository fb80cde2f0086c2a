from django.contrib import admin
from django.urls import include, path

from accounts.urls import auth_urlpatterns

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("claimtracker.api")),
    *auth_urlpatterns,
    path("accounts/", include("accounts.urls")),
    path("", include("claims.urls")),
    path("", include("sources.urls")),
    path("", include("assistant.urls")),
]
