"""Messages keep the language they are written in, on the room page and in the form."""

import pytest

from network.discussions.models import Message
from tests.factories.discussions import MessageFactory

pytestmark = pytest.mark.django_db


def test_room_page_marks_each_message_with_its_language(client, room, topic, member_a):
    MessageFactory(topic=topic, author=member_a, body="Привет", language="ru")
    MessageFactory(topic=topic, author=member_a, body="Hello", language="en")
    client.force_login(member_a)
    page = client.get(f"/discussions/{room.slug}/").content.decode()
    assert '<div class="msg-body" lang="ru"><p>Привет</p></div>' in page
    assert '<div class="msg-body" lang="en"><p>Hello</p></div>' in page
    assert page.count('<span class="written-in">Written in Russian</span>') == 1
    # The socket script names the language of live messages with the page's words.
    assert 'data-written-in="Written in {language}"' in page


def test_plain_post_stores_the_language_chosen(client, room, topic, member_a):
    client.force_login(member_a)
    form = client.get(f"/discussions/{room.slug}/t/{topic.pk}/").content.decode()
    assert "Language of this text" in form
    client.post(f"/discussions/{room.slug}/t/{topic.pk}/", {"body": "Bonjour", "language": "fr"})
    assert Message.objects.get(body="Bonjour").language == "fr"


def test_plain_post_without_language_takes_the_writers(client, room, topic, member_a):
    member_a.interface_language = "ru"
    member_a.save(update_fields=["interface_language"])
    client.force_login(member_a)
    client.post(f"/discussions/{room.slug}/t/{topic.pk}/", {"body": "Здравствуйте"})
    assert Message.objects.get(body="Здравствуйте").language == "ru"
