from django.urls import path, re_path

from claims import feeds
from claims.views import (
    about,
    actors,
    administration,
    claims,
    dataset,
    editing,
    home,
    records,
    statements,
    versions,
)

app_name = "claims"

urlpatterns = [
    path("", home.home, name="home"),
    path("about/", about.about, name="about"),
    path("actors/", actors.actor_list, name="actor-list"),
    path("actors/<slug:slug>/", actors.actor_detail, name="actor-detail"),
    path("actors/<slug:slug>/feed/", feeds.ActorFeed(), name="actor-feed"),
    path("actors/<slug:slug>/merge/", administration.actor_merge, name="actor-merge"),
    path("actors/<slug:slug>/edit/", records.actor_edit, name="actor-edit"),
    path("actors/<slug:slug>/delete/", records.actor_delete, name="actor-delete"),
    path("claims/", claims.claim_list, name="claim-list"),
    path("claims/<slug:slug>/", claims.claim_detail, name="claim-detail"),
    path("claims/<slug:slug>/feed/", feeds.ClaimFeed(), name="claim-feed"),
    path("claims/<slug:slug>/merge/", administration.claim_merge, name="claim-merge"),
    path("claims/<slug:slug>/edit/", records.claim_edit, name="claim-edit"),
    path("claims/<slug:slug>/delete/", records.claim_delete, name="claim-delete"),
    path("quotes/<int:pk>/edit/", records.quote_edit, name="quote-edit"),
    path("quotes/<int:pk>/remove/", records.quote_remove, name="quote-remove"),
    path("statements/", statements.statement_list, name="statement-list"),
    path("statements/feed/", feeds.StatementFeed(), name="statement-feed"),
    path("statements/<int:pk>/", statements.statement_detail, name="statement-detail"),
    re_path(
        r"^statements/(?P<pk>[0-9]+)/cite\.(?P<extension>bib|ris|json)$",
        statements.statement_citation,
        name="statement-citation",
    ),
    path("statements/<int:pk>/edit/", editing.statement_edit, name="statement-edit"),
    path("statements/<int:pk>/delete/", administration.statement_delete, name="statement-delete"),
    path(
        "articles/<int:article_pk>/statements/new/",
        editing.statement_create,
        name="statement-create",
    ),
    path("editor/actors.json", editing.actor_suggestions, name="actor-suggestions"),
    path("editor/resolve-date.json", editing.resolve_date, name="resolve-date"),
    path("data/", dataset.dataset_page, name="dataset"),
    path("data/claimtracker-data.zip", dataset.dataset_download, name="dataset-download"),
    path("data/datapackage.json", dataset.dataset_descriptor, name="dataset-descriptor"),
    path("history/<str:model>/<int:pk>/", versions.record_history, name="history"),
    path("history/<str:model>/<int:pk>/<int:history_id>/", versions.version_detail, name="version"),
    path(
        "history/<str:model>/<int:pk>/<int:history_id>/restore/",
        versions.version_restore,
        name="version-restore",
    ),
]
