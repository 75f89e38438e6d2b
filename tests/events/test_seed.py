"""The seed events: the Florence workshop with its sessions and announced outputs, and
Oslo 2011, the two meetings the sources date. Loading twice adds nothing."""

from datetime import UTC, datetime

import pytest

from events import seed
from events.models import EventIndexPage, EventOutput, EventPage, Session
from home import seed as home_seed
from members import seed as members_seed


@pytest.fixture
def seeded(db):
    home_seed.load()
    members_seed.load()
    return seed.load()


def test_seed_florence_sessions_and_outputs(client, seeded):
    florence = EventPage.objects.get(slug="research-on-child-trafficking-2004")

    assert [s.title for s in florence.sessions.order_by("start")] == [
        "Optimizing current research tools and methodologies to understand and monitor "
        "child trafficking",
        "Enhancing data collection and promotion of its use",
        "Sharing of experiences and ideas among researchers",
        "Inter-agency collaboration and interaction",
        "The Inter Agency Research Network on Trafficking in Human Beings",
    ]
    final = florence.sessions.order_by("start").last()
    assert "Each organization participates as a joint and equal partner." in final.description
    assert list(florence.outputs.values_list("kind", "planned")) == [
        ("agenda", True),
        ("questionnaire", True),
        ("working_paper", True),
    ]
    response = client.get("/events/research-on-child-trafficking-2004/")
    body = response.content.decode()
    assert "Announced — no copy on this site yet" in body
    assert "the times shown are indicative" in body
    assert "Wednesday 22 September 2004" in body


def test_seed_shows_no_made_up_dates(client, seeded):
    # The CBSS source gives no date or place for the project's three workshops: they are not
    # dated events, and the project's page describes them.
    assert sorted(EventPage.objects.values_list("slug", flat=True)) == [
        "oslo-2011",
        "research-on-child-trafficking-2004",
    ]
    assert client.get("/events/cbss-information-sharing-workshop-1/").status_code == 404
    oslo = client.get("/events/oslo-2011/").content.decode()
    assert "the times shown are not stated in the sources" in oslo
    assert '<h2 id="source-note-heading">Source</h2>' in oslo
    assert "conference was held 20-21 June 2011 in Oslo, Norway." in oslo


def test_seed_retires_guessed_cbss_workshops_left_unedited(seeded):
    index = EventIndexPage.objects.get()
    guessed, corrected = (
        index.add_child(
            instance=EventPage(
                title=f"CBSS workshop {n}",
                slug=f"cbss-information-sharing-workshop-{n}",
                kind="expert_workshop",
                start=datetime(2010, 9, 15, 9, tzinfo=UTC),
                end=datetime(2010, 9, 15, 17, tzinfo=UTC),
                dates_approximate=approximate,
            )
        )
        for n, approximate in ((1, True), (2, False))
    )

    seed.load()

    guessed.refresh_from_db()
    corrected.refresh_from_db()
    assert (guessed.live, corrected.live) == (False, True)


def test_seed_oslo_organizers_and_participants(seeded):
    oslo = EventPage.objects.get(slug="oslo-2011")

    assert sorted(o.slug for o in oslo.organizers.all()) == ["cbss", "norway-bld"]
    assert "CBSS Expert Group on Children at Risk" in oslo.purpose
    assert "over 100" in oslo.purpose
    assert oslo.local_start.isoformat() == "2011-06-20T09:00:00+02:00"
    assert list(oslo.outputs.values_list("kind", flat=True)) == ["report"]


def test_seed_twice_adds_nothing(seeded):
    counts = (EventPage.objects.count(), Session.objects.count(), EventOutput.objects.count())

    assert seed.load() == 0
    assert counts == (
        EventPage.objects.count(),
        Session.objects.count(),
        EventOutput.objects.count(),
    )
    assert counts == (2, 5, 4)
