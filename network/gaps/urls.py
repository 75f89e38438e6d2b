from django.urls import path

from . import views

app_name = "gaps"

urlpatterns = [
    path("", views.gap_list, name="list"),
    path("export.csv", views.gap_export, name="export"),
    path("report/", views.gap_report, name="report"),
    path("heatmap/", views.heatmap, name="heatmap"),
    path("indicators/", views.indicator_list, name="indicators"),
    path("<int:pk>/", views.gap_detail, name="detail"),
    path("<int:pk>/edit/", views.gap_edit, name="edit"),
    path("<int:pk>/translate/", views.gap_translate, name="translate"),
    path(
        "<int:pk>/translations/<slug:language>/edit/",
        views.gap_translation_edit,
        name="translation_edit",
    ),
    path("<int:pk>/discussion/", views.gap_discussion, name="discussion"),
    path("<int:pk>/move/", views.gap_move, name="move"),
    path("<int:pk>/evidence/", views.gap_add_evidence, name="add_evidence"),
]
