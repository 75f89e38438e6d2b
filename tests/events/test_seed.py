"""The seed events: the Florence workshop with its sessions and announced outputs, the
three CBSS workshops with dates marked approximate, and Oslo 2011. Loading twice adds
nothing."""

import pytest

from events import seed
from events.models import EventOutput, EventPage, Session
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


def test_seed_cbss_workshops_marked_approximate(client, seeded):
    workshops = EventPage.objects.filter(slug__startswith="cbss-information-sharing-workshop")

    assert workshops.count() == 3
    assert all(w.dates_approximate for w in workshops)
    assert sorted(o.slug for o in workshops[0].organizers.all()) == [
        "caritas-lithuania",
        "cbss",
        "save-the-children-denmark",
        "tartu-child-support-centre",
    ]
    response = client.get("/events/cbss-information-sharing-workshop-1/")
    assert "Dates approximate" in response.content.decode()


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
    assert counts == (5, 5, 4)
