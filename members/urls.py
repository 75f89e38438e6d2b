from django.urls import path

from . import views

app_name = "members"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("apply/", views.apply, name="apply"),
    path("profile/", views.profile, name="profile"),
    path("profile/tokens/", views.token_create, name="token_create"),
    path("profile/tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path("people/<int:pk>/", views.person, name="person"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
    path("<slug:slug>/", views.organization_detail, name="organization"),
    path("<slug:slug>/edit/", views.organization_edit, name="edit"),
    path("<slug:slug>/invite/", views.organization_invite, name="invite"),
    path(
        "<slug:slug>/invitations/<int:pk>/withdraw/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("<slug:slug>/requests/", views.organization_requests, name="requests"),
    path("<slug:slug>/alternate/", views.organization_alternate, name="alternate"),
    path("<slug:slug>/join/", views.organization_join, name="join"),
]
