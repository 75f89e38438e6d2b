from django.urls import path

from . import views

app_name = "library"

urlpatterns = [
    path("", views.publication_list, name="list"),
    path("add/", views.publication_add, name="add"),
    path("<slug:slug>/", views.publication_detail, name="detail"),
    path("<slug:slug>/cite.bib", views.publication_bibtex, name="bibtex"),
    path("<slug:slug>/edit/", views.publication_edit, name="edit"),
    path("<slug:slug>/delete/", views.publication_delete, name="delete"),
]
