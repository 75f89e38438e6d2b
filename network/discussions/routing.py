from django.urls import path

from .consumers import RoomConsumer

websocket_urlpatterns = [
    path("ws/discussions/<slug:room_slug>/", RoomConsumer.as_asgi()),
]
