import pytest
from django.test import Client

from network.discussions.enums import RoomVisibility
from tests.factories.discussions import RoomFactory, RoomMemberFactory, TopicFactory

ORIGIN = (b"origin", b"http://127.0.0.1")


def session_cookie(user):
    """The Cookie header of a signed-in session, for sockets behind AuthMiddlewareStack."""
    client = Client()
    client.force_login(user)
    return (b"cookie", f"sessionid={client.cookies['sessionid'].value}".encode())


@pytest.fixture
def room(db):
    return RoomFactory(title="Data gaps", slug="data-gaps")


@pytest.fixture
def topic(room):
    return TopicFactory(room=room, title="Welcome")


@pytest.fixture
def restricted_room(db, member_a):
    room = RoomFactory(
        title="Project team", slug="project-team", visibility=RoomVisibility.RESTRICTED
    )
    RoomMemberFactory(room=room, user=member_a)
    return room


@pytest.fixture
def home_page(db):
    from home import seed

    seed.load()
