"""bench/generate_load_data.py: the benchmark's synthetic network, at its small scale."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from bench.load_data import BENCH_ROOM, SCALES, Command
from bench.pages import PAGES
from events.models import EventPage, Registration, Session
from members.enums import Visibility
from members.models import Organization, User
from network.agenda.models import ResearchPriority
from network.discussions.enums import RoomVisibility
from network.discussions.models import Message, Room
from network.gaps.models import DataGap
from network.library.models import Publication
from projects.enums import ProjectStatus
from projects.models import ResearchProject

SMALL = SCALES["small"]


@pytest.fixture
def generated(db):
    out = StringIO()
    call_command(Command(), "--scale", "small", stdout=out)
    return out.getvalue()


def load(model, **filters):
    return model.objects.filter(**filters)


def test_generate_load_data_small_counts_mix_and_pages(generated, client):
    assert "Load data (small) generated" in generated
    loaded = {
        "organizations": load(Organization, slug__startswith="load-").count(),
        "people": load(User, email__startswith="load-").count(),
        "gaps": load(DataGap, reported_by__slug__startswith="load-").count(),
        "priorities": load(
            ResearchPriority, proposing_organization__slug__startswith="load-"
        ).count(),
        "projects": load(ResearchProject, slug__startswith="load-").count(),
        "events": load(EventPage, slug__startswith="load-").count(),
        "sessions": load(Session, page__slug__startswith="load-").count(),
        "registrations": load(Registration, event__slug__startswith="load-").count(),
        "publications": load(Publication, slug__startswith="load-").count(),
        "messages": load(Message, room__slug__startswith="load-").count(),
    }
    assert loaded == SMALL
    # The visibility mix the benchmark must see through.
    people = load(User, email__startswith="load-")
    assert people.filter(visibility=Visibility.HIDDEN).exists()
    assert load(ResearchProject, slug__startswith="load-", status=ProjectStatus.DRAFT).exists()
    assert load(EventPage, slug__startswith="load-", live=False).exists()
    assert load(Room, slug__startswith="load-", visibility=RoomVisibility.RESTRICTED).exists()
    assert Room.objects.get(slug=BENCH_ROOM).visibility == RoomVisibility.NETWORK
    # Event pages sit in the page tree where Wagtail serves them.
    event = load(EventPage, slug__startswith="load-", live=True).first()
    assert event.get_parent().slug == "events"
    with pytest.raises(CommandError, match="already present"):
        call_command(Command(), "--scale", "small", stdout=StringIO())
    # One generation serves both halves: it is the slow part.
    pages_render_with_visibility(client)


def pages_render_with_visibility(client):
    hidden = load(User, email__startswith="load-", visibility=Visibility.HIDDEN).first()
    draft = load(ResearchProject, slug__startswith="load-", status=ProjectStatus.DRAFT).first()
    member = User.objects.get(email="load-person-00000@example.org")
    for signed_in in (False, True):
        if signed_in:
            client.force_login(member)
        for url in PAGES[1:]:  # /healthz aside
            response = client.get(url)
            assert response.status_code == 200, url
        projects = client.get("/projects/").content.decode()
        assert (draft.title in projects) == (member in [m.user for m in draft.members.all()])
        person = client.get(hidden.get_absolute_url())
        assert person.status_code == 404
    # Generated data shows on the pages.
    event = load(EventPage, slug__startswith="load-", live=True).order_by("-start").first()
    assert client.get(event.url).status_code == 200
    message = load(Message, room__slug="load-commons").order_by("-pk").first()
    page = client.get(message.room.get_absolute_url())
    assert page.status_code == 200
    assert message.body in page.content.decode()
