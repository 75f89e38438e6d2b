from django.urls import path

from . import views

app_name = "projects"

urlpatterns = [
    path("", views.project_list, name="list"),
    path("new/", views.project_new, name="new"),
    path("mine/", views.mine, name="mine"),
    path("partnerships/<int:pk>/decide/", views.partner_decide, name="partner_decide"),
    path("<slug:slug>/", views.project_detail, name="detail"),
    path("<slug:slug>/edit/", views.project_edit, name="edit"),
    path("<slug:slug>/status/", views.project_status, name="status"),
    path("<slug:slug>/join/", views.project_join, name="join"),
    path("<slug:slug>/requests/<int:pk>/decide/", views.join_request_decide, name="decide"),
    path("<slug:slug>/requests/<int:pk>/withdraw/", views.join_request_withdraw, name="withdraw"),
    path("<slug:slug>/team/<int:pk>/", views.team_member_update, name="team_member"),
    path("<slug:slug>/team/<int:pk>/remove/", views.team_member_remove, name="team_member_remove"),
    path("<slug:slug>/partners/invite/", views.partner_invite, name="partner_invite"),
    path("<slug:slug>/roles/new/", views.open_role_new, name="role_new"),
    path("<slug:slug>/roles/<int:pk>/filled/", views.open_role_fill, name="role_fill"),
    path("<slug:slug>/outputs/new/", views.output_new, name="output_new"),
    path("<slug:slug>/discussion/", views.project_discussion, name="discussion"),
]
