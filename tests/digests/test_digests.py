"""Digests (issue 16, item 6): what a person's digest lists, that it goes only to those who
chose it and only when there is something to say, and that it shows nobody what is hidden
from them."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from network.desk import services as desk_services
from network.digests.selectors import digest_for
from network.digests.tasks import send_digests
from network.discussions.enums import NotificationKind, RoomVisibility
from network.discussions.models import Notification, TopicFollow
from network.discussions.tasks import send_mention_digest
from network.platform.models import EmailFrequency, EmailPreference
from tests.factories import UserFactory
from tests.factories.desk import NoticeFactory
from tests.factories.discussions import MessageFactory, RoomFactory, TopicFactory
from tests.factories.events import EventPageFactory
from tests.factories.gaps import CountryFactory, DataGapFactory
from tests.factories.library import PublicationFactory

DAY = timedelta(days=1)
SECRET = "Zanzibar-canary-closed-room"


def _prefer(user, frequency):
    EmailPreference.objects.update_or_create(
        address=user.email.lower(), defaults={"frequency": frequency}
    )


def _world(person, org, *, n=1, tag=""):
    """n items of each kind for `person`, focal point of `org`, working on Albania."""
    person.countries = ["AL"]
    person.save()
    author = UserFactory()
    room = RoomFactory(visibility=RoomVisibility.NETWORK)
    for i in range(n):
        NoticeFactory(title=f"Convocation {i}", recipients=[org])
        topic = TopicFactory(room=room, title=f"Followed topic {i}")
        TopicFollow.objects.create(topic=topic, user=person)
        message = MessageFactory(topic=topic, author=author)
        Notification.objects.create(user=person, message=message, kind=NotificationKind.MENTION)
        DataGapFactory(title=f"Albanian gap {i}", countries=[CountryFactory(code="AL")])
        PublicationFactory(
            title=f"Albanian report {i}", slug=f"albanian-report{tag}-{i}", countries=["AL"]
        )
        EventPageFactory(title=f"Workshop in Tirana {i}", first_published_at=timezone.now())
    # Not for this person: another country, and a topic they do not follow.
    DataGapFactory(title="Moldovan gap", countries=[CountryFactory(code="MD")])
    PublicationFactory(title="Moldovan report", slug=f"moldovan-report{tag}", countries=["MD"])
    MessageFactory(topic=TopicFactory(room=room, title="Unfollowed topic"), author=author)


@pytest.fixture
def person(focal_a):
    return focal_a


def test_digest_lists_each_kind_of_item(person, org_a, django_capture_on_commit_callbacks):
    _prefer(person, EmailFrequency.DAILY)
    _world(person, org_a)

    with django_capture_on_commit_callbacks(execute=True):
        assert send_digests(frequency=EmailFrequency.DAILY, period=DAY) == 1

    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == [person.email]
    for expected in (
        "New on your desk",
        "Convocation 0",
        "You were mentioned",
        "Unread in topics you follow",
        "Followed topic 0",
        "1 unread message",
        "Albanian gap 0",
        "Albanian report 0",
        "Workshop in Tirana 0",
    ):
        assert expected in email.body, expected
    for absent in ("Moldovan gap", "Moldovan report", "Unfollowed topic"):
        assert absent not in email.body
    # The mentions are mailed once: the mention job does not send them again.
    assert not Notification.objects.filter(user=person, emailed_at__isnull=True).exists()


def test_second_digest_only_when_there_is_something_new(
    person, org_a, django_capture_on_commit_callbacks
):
    _prefer(person, EmailFrequency.DAILY)
    _world(person, org_a)
    with django_capture_on_commit_callbacks(execute=True):
        send_digests(frequency=EmailFrequency.DAILY, period=DAY)
    # Read everything followed: nothing new on the desk, no new gaps, events or mentions.
    from network.discussions.models import ReadMarker, Topic

    for topic in Topic.objects.filter(follows__user=person):
        last = topic.messages.order_by("-pk").first()
        ReadMarker.objects.create(user=person, topic=topic, last_read_message_id=last.pk)
    mail.outbox = []

    with django_capture_on_commit_callbacks(execute=True):
        assert send_digests(frequency=EmailFrequency.DAILY, period=DAY) == 0
    assert mail.outbox == []

    NoticeFactory(title="A new convocation", recipients=[org_a])
    with django_capture_on_commit_callbacks(execute=True):
        assert send_digests(frequency=EmailFrequency.DAILY, period=DAY) == 1
    body = mail.outbox[0].body
    assert "A new convocation" in body
    assert "Convocation 0" not in body  # listed in the last digest already


def test_weekly_people_get_nothing_from_the_daily_job(
    person, org_a, django_capture_on_commit_callbacks
):
    _prefer(person, EmailFrequency.WEEKLY)
    _world(person, org_a)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_digests(frequency=EmailFrequency.DAILY, period=DAY) == 0
        assert send_digests(frequency=EmailFrequency.WEEKLY, period=7 * DAY) == 1
    assert [email.to for email in mail.outbox] == [[person.email]]
    assert "this week" in mail.outbox[0].body


def test_each_person_gets_one_email_of_their_own(
    org_a, focal_a, alternate_a, django_capture_on_commit_callbacks
):
    for user in (focal_a, alternate_a):
        _prefer(user, EmailFrequency.DAILY)
    NoticeFactory(title="Convocation", recipients=[org_a])
    with django_capture_on_commit_callbacks(execute=True):
        assert send_digests(frequency=EmailFrequency.DAILY, period=DAY) == 2
    assert sorted(email.to for email in mail.outbox) == sorted(
        [[focal_a.email], [alternate_a.email]]
    )
    for email in mail.outbox:
        assert (email.cc, email.bcc) == ([], [])


def test_nothing_hidden_reaches_a_digest(
    person, org_a, org_b, focal_b, django_capture_on_commit_callbacks
):
    _prefer(person, EmailFrequency.DAILY)
    # A topic the person followed in a room that is now closed to them.
    closed = RoomFactory(visibility=RoomVisibility.RESTRICTED, title="Closed room")
    topic = TopicFactory(room=closed, title=SECRET)
    TopicFollow.objects.create(topic=topic, user=person)
    message = MessageFactory(topic=topic, author=focal_b, body=SECRET)
    Notification.objects.create(user=person, message=message, kind=NotificationKind.MENTION)
    # A notice to another organization, and an unpublished event.
    NoticeFactory(title=SECRET, recipients=[org_b])
    draft = EventPageFactory(title=SECRET)
    draft.unpublish()
    NoticeFactory(title="Convocation", recipients=[org_a])  # something to say

    with django_capture_on_commit_callbacks(execute=True):
        send_digests(frequency=EmailFrequency.DAILY, period=DAY)

    assert len(mail.outbox) == 1
    assert SECRET not in mail.outbox[0].body
    assert SECRET not in mail.outbox[0].subject


def test_digest_queries_do_not_grow_with_the_items(person, org_a):
    def measure():
        with CaptureQueriesContext(connection) as queries:
            digest = digest_for(person, since=timezone.now() - 2 * DAY)
        return len(queries), digest

    _world(person, org_a, n=1)
    measure()  # content types and the like, read once per process
    small, digest = measure()
    assert len(digest.gaps) == 1
    _world(person, org_a, n=3, tag="-more")
    for i in range(2, 8):
        NoticeFactory(title=f"More {i}", recipients=[org_a])
        DataGapFactory(title=f"More gap {i}", countries=[CountryFactory(code="AL")])
    measure()  # the writes renewed what is kept per process (the page tree's facts)
    large, digest = measure()
    assert len(digest.gaps) == 10
    assert large == small


# --- The preference is honoured by every email -------------------------------------------


def test_items_go_only_to_those_who_want_each_as_it_happens(
    org_a, focal_a, alternate_a, staff, django_capture_on_commit_callbacks
):
    """A notice must be acknowledged: it reaches everyone, whatever they chose; the
    mention email (an ordinary item) reaches only the 'each as it happens' person."""
    _prefer(alternate_a, EmailFrequency.ESSENTIAL)
    with django_capture_on_commit_callbacks(execute=True):
        desk_services.notice_send(
            by=staff,
            title="General meeting",
            body="Florence",
            acknowledge_by=timezone.now() + 7 * DAY,
            organizations=[org_a],
            to_all_members=False,
        )
    assert sorted(email.to for email in mail.outbox) == sorted(
        [[focal_a.email], [alternate_a.email]]
    )

    mail.outbox = []
    room = RoomFactory(visibility=RoomVisibility.NETWORK)
    for user in (focal_a, alternate_a):
        Notification.objects.create(
            user=user, message=MessageFactory(room=room), kind=NotificationKind.MENTION
        )
    _prefer(focal_a, EmailFrequency.IMMEDIATE)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_mention_digest.call() == 1
    assert [email.to for email in mail.outbox] == [[focal_a.email]]
    # Not marked mailed: it stays for the site (and a digest, had they chosen one).
    assert Notification.objects.get(user=alternate_a).emailed_at is None


def test_daily_person_gets_mentions_in_the_digest_not_at_once(
    person, django_capture_on_commit_callbacks
):
    _prefer(person, EmailFrequency.DAILY)
    room = RoomFactory(visibility=RoomVisibility.NETWORK)
    Notification.objects.create(
        user=person, message=MessageFactory(room=room), kind=NotificationKind.MENTION
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert send_mention_digest.call() == 0
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        assert send_digests(frequency=EmailFrequency.DAILY, period=DAY) == 1
    assert "You were mentioned" in mail.outbox[0].body
