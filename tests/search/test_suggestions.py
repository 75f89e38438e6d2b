"""'Did you mean' draws on a cached vocabulary: per kind of viewer, so names hidden from a
viewer never come back to them, and renewed by any write to what search shows."""

import pytest

from tests.factories import UserFactory
from tests.factories.library import PublicationFactory

pytestmark = pytest.mark.django_db

URL = "/search/"


def _suggestions(client, query):
    response = client.get(URL, {"q": query})
    assert response.context["total"] == 0
    return [text for text, _ in response.context.get("suggestions", [])]


def test_suggestions_follow_a_new_title(client):
    PublicationFactory(title="Trafficking in Kosovo")
    assert _suggestions(client, "transnistra") == []
    PublicationFactory(title="Returns to Transnistria")
    assert _suggestions(client, "transnistra") == ["transnistria"]


def test_suggestions_never_offer_names_hidden_from_the_viewer(client, member_a):
    UserFactory(display_name="Wilhelmina Members", visibility="members")
    UserFactory(display_name="Bartholomew Hidden", visibility="hidden")
    client.force_login(member_a)
    assert _suggestions(client, "wilhelmna") == ["wilhelmina"]
    assert _suggestions(client, "bartholomw") == []
    client.logout()
    # The member's vocabulary was cached first: the anonymous one is another.
    assert _suggestions(client, "wilhelmna") == []


def test_suggestions_leave_out_numbers(client):
    PublicationFactory(title="Report 20045 on Moldova")
    assert _suggestions(client, "20046") == []
    assert _suggestions(client, "moldva") == ["moldova"]
