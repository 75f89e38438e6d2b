from django.urls import path

from . import views

app_name = "notices"

urlpatterns = [
    path("", views.notices, name="list"),
    path("new/", views.notice_new, name="new"),
    path("<int:pk>/", views.notice, name="detail"),
    path("<int:pk>/remind/", views.notice_remind, name="remind"),
]
