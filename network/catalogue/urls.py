from django.urls import path

from . import views

app_name = "catalogue"

urlpatterns = [
    path("", views.dataset_list, name="list"),
    path("new/", views.dataset_create, name="create"),
    path("cite/", views.citation_create, name="cite"),
    path("cite/<int:pk>/remove/", views.citation_delete, name="uncite"),
    path("requests/", views.request_list, name="requests"),
    path("requests/<int:pk>/", views.request_detail, name="request"),
    path("requests/<int:pk>/step/", views.request_advance, name="advance"),
    path("<slug:slug>/", views.dataset_detail, name="detail"),
    path("<slug:slug>/edit/", views.dataset_edit, name="edit"),
    path("<slug:slug>/request/", views.request_create, name="request_access"),
]
