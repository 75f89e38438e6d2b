from django.urls import path

from . import views

app_name = "decisions"

urlpatterns = [
    path("", views.decision_list, name="list"),
    path("export.csv", views.decision_export, name="export"),
    path("new/", views.decision_new, name="new"),
    path("<int:pk>/", views.decision_detail, name="detail"),
    path("<int:pk>/status/", views.decision_transition, name="transition"),
]
