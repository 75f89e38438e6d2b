"""Factories for the events app: pages under one events index, sessions, registrations,
outputs. Events start ten days from now unless a test says otherwise."""

from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from events.enums import (
    EventKind,
    OutputKind,
    RegistrationMode,
    RegistrationStatus,
    SessionKind,
)
from events.models import EventIndexPage, EventOutput, EventPage, Registration, Session
from tests.factories import OrganizationFactory, UserFactory


def events_index():
    """The /events/ page under the site's HomePage, created with the home seed if missing."""
    # The English page: a French translation of the index is another EventIndexPage.
    index = EventIndexPage.objects.filter(locale__language_code="en").first()
    if index is None:
        from wagtail.models import Locale, Page

        from home import seed
        from home.models import HomePage

        if Page.get_first_root_node() is None:
            # A transactional test flushed the tree that Wagtail's migrations put there.
            Locale.objects.get_or_create(language_code="en")
            Page.add_root(instance=Page(title="Root", slug="root"))
        seed.load()
        index = HomePage.objects.get(locale__language_code="en").add_child(
            instance=EventIndexPage(title="Events", slug="events", show_in_menus=True)
        )
    return index


class EventPageFactory(DjangoModelFactory):
    class Meta:
        model = EventPage

    title = factory.Sequence(lambda n: f"Expert workshop {n}")
    slug = factory.Sequence(lambda n: f"workshop-{n}")
    kind = EventKind.EXPERT_WORKSHOP
    start = factory.LazyFunction(
        lambda: (timezone.now() + timedelta(days=10)).replace(microsecond=0)
    )
    end = factory.LazyAttribute(lambda o: o.start + timedelta(hours=8))
    time_zone = "Europe/Rome"
    venue = "Innocenti Research Centre"
    city = "Florence"
    country = "IT"
    registration_mode = RegistrationMode.OPEN
    capacity = 10

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        organizers = kwargs.pop("organizers", [])
        page = model_class(*args, **kwargs)
        events_index().add_child(instance=page)
        if organizers:
            page.organizers.set(organizers)
            page.save()
        return page


class SessionFactory(DjangoModelFactory):
    class Meta:
        model = Session

    page = factory.SubFactory(EventPageFactory)
    kind = SessionKind.PLENARY
    title = factory.Sequence(lambda n: f"Session {n}")
    start = factory.LazyAttribute(lambda o: o.page.start)
    end = factory.LazyAttribute(lambda o: o.start + timedelta(hours=1))


class RegistrationFactory(DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventPageFactory)
    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    status = RegistrationStatus.CONFIRMED


class EventOutputFactory(DjangoModelFactory):
    class Meta:
        model = EventOutput

    event = factory.SubFactory(EventPageFactory)
    kind = OutputKind.WORKING_PAPER
    title = factory.Sequence(lambda n: f"Working paper {n}")
    link = "https://example.org/paper.pdf"
