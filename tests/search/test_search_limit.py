"""A client may run only CONCURRENT_SEARCHES searches at once: one more is answered 429 with a
message, and searching works again as soon as a search ends. The searches in flight are held
with the same slots the view takes (home/search/limit.py), as a concurrent request holds them."""

from contextlib import ExitStack

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client, RequestFactory

from home.search import CONCURRENT_SEARCHES, search_slot
from tests.factories.library import PublicationFactory

pytestmark = pytest.mark.django_db

URL = "/search/"
REFUSED = (
    f"You already have {CONCURRENT_SEARCHES} searches running. Please wait for them to "
    "finish, then search again."
)


def _in_flight(user=None, address="127.0.0.1"):
    """A search request of the client (the test client's address), as the view sees it."""
    request = RequestFactory().get(URL, {"q": "wombat"}, REMOTE_ADDR=address)
    request.user = user or AnonymousUser()
    return request


def _titles(response):
    return [hit["title"] for group in response.context["groups"] for hit in group["hits"]]


@pytest.fixture
def report(db):
    return PublicationFactory(title="Wombat report")


def test_search_over_concurrent_limit_answers_429_then_recovers(client, report):
    with ExitStack() as searches:
        for _ in range(CONCURRENT_SEARCHES):
            searches.enter_context(search_slot(_in_flight()))
        response = client.get(URL, {"q": "wombat"})
        assert response.status_code == 429
        assert response["Retry-After"] == "1"
        body = response.content.decode()
        assert REFUSED in body
        assert "Wombat report" not in body
        assert "result" not in body.split("</form>")[1]
    response = client.get(URL, {"q": "wombat"})
    assert response.status_code == 200
    assert _titles(response) == ["Wombat report"]


def test_search_under_concurrent_limit_answers(client, report):
    with search_slot(_in_flight()):
        response = client.get(URL, {"q": "wombat"})
    assert response.status_code == 200
    assert _titles(response) == ["Wombat report"]


def test_search_limit_is_per_client(client, report, member_a):
    with ExitStack() as searches:
        for _ in range(CONCURRENT_SEARCHES):
            searches.enter_context(search_slot(_in_flight(address="192.0.2.7")))
        assert client.get(URL, {"q": "wombat"}).status_code == 200
        other = Client(REMOTE_ADDR="192.0.2.7")
        assert other.get(URL, {"q": "wombat"}).status_code == 429
        # Signed in, the person is the client, wherever they search from.
        other.force_login(member_a)
        assert other.get(URL, {"q": "wombat"}).status_code == 200
        for _ in range(CONCURRENT_SEARCHES):
            searches.enter_context(search_slot(_in_flight(user=member_a)))
        assert other.get(URL, {"q": "wombat"}).status_code == 429


def test_search_slot_given_back_when_search_fails(client, report):
    for _ in range(CONCURRENT_SEARCHES + 1):
        with pytest.raises(RuntimeError), search_slot(_in_flight()):
            raise RuntimeError("the search failed")
    assert client.get(URL, {"q": "wombat"}).status_code == 200


def test_search_refusal_is_not_cached_as_the_page(client, report, settings):
    settings.PAGE_CACHE = True
    with ExitStack() as searches:
        for _ in range(CONCURRENT_SEARCHES):
            searches.enter_context(search_slot(_in_flight()))
        assert client.get(URL, {"q": "wombat"}).status_code == 429
    response = client.get(URL, {"q": "wombat"})
    assert response.status_code == 200
    assert "Wombat report" in response.content.decode()
