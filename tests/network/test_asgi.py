"""The ASGI entry point: HTTP goes to Django, WebSockets from a foreign Origin are refused."""

import json

import pytest
from channels.testing import ApplicationCommunicator, WebsocketCommunicator

from network.asgi import application


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
async def test_asgi_serves_http_healthz():
    scope = {
        "type": "http",
        "method": "GET",
        "path": "/healthz",
        "query_string": b"",
        "headers": [(b"host", b"127.0.0.1")],
        "server": ("127.0.0.1", 8000),
        "client": ("127.0.0.1", 50000),
        "scheme": "http",
        "http_version": "1.1",
        "asgi": {"version": "3.0"},
    }
    communicator = ApplicationCommunicator(application, scope)
    await communicator.send_input({"type": "http.request", "body": b"", "more_body": False})
    start = await communicator.receive_output(timeout=10)
    body = await communicator.receive_output(timeout=10)
    assert start["status"] == 200
    assert json.loads(body["body"]) == {"database": "ok"}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
async def test_asgi_websocket_from_foreign_origin_is_refused():
    communicator = WebsocketCommunicator(
        application, "/ws/discussions/any/", headers=[(b"origin", b"https://evil.example")]
    )
    connected, _ = await communicator.connect(timeout=5)
    assert connected is False
    await communicator.disconnect()
