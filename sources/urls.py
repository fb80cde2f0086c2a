from django.urls import path

from sources import views

app_name = "sources"

urlpatterns = [
    path("articles/", views.article_list, name="article-list"),
    path("articles/new/", views.article_create, name="article-create"),
    path("articles/<int:pk>/", views.article_detail, name="article-detail"),
    path("articles/<int:pk>/edit/", views.article_edit, name="article-edit"),
]
