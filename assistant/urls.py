from django.urls import path

from assistant import views

app_name = "assistant"

urlpatterns = [
    path("articles/<int:pk>/suggestions/accept/", views.accept, name="accept"),
    path("articles/<int:pk>/suggestions/dismiss/", views.dismiss, name="dismiss"),
    path("articles/<int:pk>/suggestions/undo/", views.undo, name="undo"),
    path(
        "articles/<int:pk>/suggestions/<str:fingerprint>/adjust/",
        views.adjust,
        name="adjust",
    ),
]
