from django.urls import path

from . import views

app_name = "groups"

urlpatterns = [
    path("", views.group_list, name="list"),
    path("propose/", views.group_propose, name="propose"),
    path("<slug:slug>/", views.group_detail, name="detail"),
    path("<slug:slug>/join/", views.group_join, name="join"),
    path("<slug:slug>/leave/", views.group_leave, name="leave"),
    path("<slug:slug>/status/", views.group_status, name="status"),
    path("requests/<int:pk>/", views.group_join_decide, name="decide"),
]
