from django.urls import path

from . import views

app_name = "countries"

urlpatterns = [
    path("", views.country_list, name="list"),
    path("profiles.csv", views.profile_export, name="export"),
    path("data-availability/", views.data_availability, name="availability"),
    path("proposals/<int:pk>/decide/", views.proposal_decide, name="decide_proposal"),
    path("<str:code>/", views.country_detail, name="detail"),
    path("<str:code>/history/", views.country_history, name="history"),
]

round_patterns = (
    [
        path("", views.round_list, name="list"),
        path("new/", views.round_open, name="open"),
        path("<slug:slug>/", views.round_detail, name="detail"),
        path("<slug:slug>/remind/", views.round_remind, name="remind"),
        path("<slug:slug>/answers.csv", views.round_export, name="export"),
        path("<slug:slug>/<str:code>/", views.round_answer, name="answer"),
        path("<slug:slug>/<str:code>/publish/", views.round_publish, name="publish"),
        path("<slug:slug>/<str:code>/return/<int:pk>/", views.answer_return, name="return"),
    ],
    "rounds",
)
