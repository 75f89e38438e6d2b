from django.urls import path

from . import views

app_name = "agenda"

urlpatterns = [
    path("", views.priority_list, name="list"),
    path("propose/", views.priority_propose, name="propose"),
    path("adopted/", views.adopted, name="adopted"),
    path("adopted.csv", views.adopted_csv, name="adopted_csv"),
    path("adopted/print/", views.adopted_print, name="adopted_print"),
    path("<int:pk>/", views.priority_detail, name="detail"),
    path("<int:pk>/endorse/", views.priority_endorse, name="endorse"),
    path("<int:pk>/withdraw-endorsement/", views.priority_withdraw_endorsement, name="withdraw"),
    path("<int:pk>/support/", views.priority_support, name="support"),
    path("<int:pk>/translate/", views.priority_translate, name="translate"),
    path(
        "<int:pk>/translations/<slug:language>/edit/",
        views.priority_translation_edit,
        name="translation_edit",
    ),
    path("<int:pk>/discussion/", views.priority_discussion, name="discussion"),
    path("<int:pk>/vote/", views.vote, name="vote"),
    path("<int:pk>/move/", views.priority_move, name="move"),
    path("<int:pk>/open-vote/", views.priority_vote_open, name="open_vote"),
    path("<int:pk>/close-vote/", views.priority_vote_close, name="close_vote"),
]
