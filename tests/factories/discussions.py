import uuid

import factory
from factory.django import DjangoModelFactory

from network.discussions import markdown
from network.discussions.enums import RoomVisibility
from network.discussions.models import (
    Message,
    Room,
    RoomMember,
    RoomModerator,
    Topic,
)
from tests.factories import UserFactory, with_totp


class RoomFactory(DjangoModelFactory):
    class Meta:
        model = Room

    title = factory.Sequence(lambda n: f"Room {n}")
    slug = factory.Sequence(lambda n: f"room-{n}")
    visibility = RoomVisibility.NETWORK


class RoomMemberFactory(DjangoModelFactory):
    class Meta:
        model = RoomMember

    room = factory.SubFactory(RoomFactory)
    user = factory.SubFactory(UserFactory)


class RoomModeratorFactory(DjangoModelFactory):
    class Meta:
        model = RoomModerator
        skip_postgeneration_save = True

    room = factory.SubFactory(RoomFactory)
    user = factory.SubFactory(UserFactory)

    @factory.post_generation
    def second_factor(self, create, extracted, **kwargs):
        # Moderators must use two-factor authentication (members.needs_mfa).
        if create:
            with_totp(self.user)


class TopicFactory(DjangoModelFactory):
    class Meta:
        model = Topic

    room = factory.SubFactory(RoomFactory)
    title = factory.Sequence(lambda n: f"Topic {n}")


class MessageFactory(DjangoModelFactory):
    class Meta:
        model = Message

    topic = factory.SubFactory(TopicFactory)
    room = factory.SelfAttribute("topic.room")
    author = factory.SubFactory(UserFactory)
    body = factory.Sequence(lambda n: f"Message **{n}**")
    body_html = factory.LazyAttribute(lambda o: markdown.render(o.body))
    client_id = factory.LazyFunction(uuid.uuid4)
