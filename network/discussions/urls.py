from django.urls import path

from . import views

app_name = "discussions"

urlpatterns = [
    path("", views.room_list, name="index"),
    path("new/", views.room_create, name="room_create"),
    path("notifications/", views.notifications, name="notifications"),
    path("reports/", views.report_list, name="reports"),
    path("reports/<int:report_id>/", views.report_detail, name="report"),
    path("<slug:slug>/", views.room_detail, name="room"),
    path("<slug:slug>/t/<int:topic_id>/", views.topic_detail, name="topic"),
    path("<slug:slug>/t/<int:topic_id>/follow/", views.topic_follow, name="topic_follow"),
    path("<slug:slug>/t/<int:topic_id>/resolve/", views.topic_resolve, name="topic_resolve"),
    path("<slug:slug>/t/<int:topic_id>/lock/", views.topic_lock, name="topic_lock"),
    path("<slug:slug>/t/<int:topic_id>/move/", views.topic_move, name="topic_move"),
    path("<slug:slug>/m/<int:message_id>/edit/", views.message_edit, name="message_edit"),
    path("<slug:slug>/m/<int:message_id>/delete/", views.message_delete, name="message_delete"),
    path("<slug:slug>/m/<int:message_id>/hide/", views.message_hide, name="message_hide"),
    path("<slug:slug>/m/<int:message_id>/history/", views.message_history, name="message_history"),
    path("<slug:slug>/m/<int:message_id>/report/", views.message_report, name="message_report"),
    path("<slug:slug>/mute/<int:user_id>/", views.room_mute, name="mute"),
]
