"""{% rendered %}: a row is rendered once for what it shows and never served stale."""

import re
from datetime import UTC, datetime

import pytest
from django.template import engines
from django.utils import translation

from members.models import Organization
from network.gaps.models import DataGap
from network.platform.templatetags import fragments
from tests.factories import OrganizationFactory
from tests.factories.gaps import DataGapFactory

ROW = engines["django"].from_string(
    "{% load fragments i18n %}{% for org in orgs %}{% rendered org %}"
    "<li>{{ org.name }} · {% translate 'Members' %}{{ probe.seen }}</li>"
    "{% endrendered %}{% endfor %}"
)


class Probe:
    """Counts how often the block is really rendered."""

    def __init__(self):
        self.count = 0

    @property
    def seen(self):
        self.count += 1
        return ""


def _org(pk, name):
    """An organization as a query would load it: the same row, the same state."""
    return Organization(pk=pk, name=name, created_at=datetime(2026, 1, 1, tzinfo=UTC))


def test_the_same_row_is_rendered_once_and_served_again():
    probe = Probe()
    first = ROW.render({"orgs": [_org(1, "Alpha"), _org(2, "Beta")], "probe": probe})
    again = ROW.render({"orgs": [_org(1, "Alpha")], "probe": probe})
    assert first == "<li>Alpha · Members</li><li>Beta · Members</li>"
    assert again == "<li>Alpha · Members</li>"
    assert probe.count == 2


def test_a_changed_row_is_rendered_afresh():
    probe = Probe()
    ROW.render({"orgs": [Organization(pk=3, name="Before")], "probe": probe})
    after = ROW.render({"orgs": [Organization(pk=3, name="After")], "probe": probe})
    assert after == "<li>After · Members</li>"
    assert probe.count == 2


def test_each_language_has_its_own_rendering():
    orgs = [Organization(pk=4, name="Gamma")]
    assert ROW.render({"orgs": orgs}) == "<li>Gamma · Members</li>"
    with translation.override("fr"):
        assert ROW.render({"orgs": orgs}) == "<li>Gamma · Membres</li>"


@pytest.mark.django_db
def test_a_change_in_a_related_row_loaded_with_it_is_seen():
    gap = DataGapFactory(reported_by=OrganizationFactory(name="Old name"))
    template = engines["django"].from_string(
        "{% load fragments %}{% rendered gap %}{{ gap.reported_by.name }}{% endrendered %}"
    )
    loaded = DataGap.objects.select_related("reported_by").get(pk=gap.pk)
    assert template.render({"gap": loaded}) == "Old name"
    Organization.objects.filter(pk=gap.reported_by_id).update(name="New name")
    loaded = DataGap.objects.select_related("reported_by").get(pk=gap.pk)
    assert template.render({"gap": loaded}) == "New name"


def test_extra_values_are_part_of_the_key():
    template = engines["django"].from_string(
        "{% load fragments %}{% rendered org closing %}{% if closing %}closing{% else %}open"
        "{% endif %}{% endrendered %}"
    )
    org = Organization(pk=5, name="Delta")
    assert template.render({"org": org, "closing": False}) == "open"
    assert template.render({"org": org, "closing": True}) == "closing"


def test_entries_are_bounded(monkeypatch):
    monkeypatch.setattr(fragments, "MAX_ENTRIES", 3)
    template = engines["django"].from_string(
        "{% load fragments %}{% for org in orgs %}{% rendered org %}{{ org.name }}"
        "{% endrendered %}{% endfor %}"
    )
    orgs = [Organization(pk=n, name=f"Org {n}") for n in range(10)]
    assert template.render({"orgs": orgs}) == "".join(f"Org {n}" for n in range(10))
    node = next(n for n in template.template.nodelist.get_nodes_by_type(fragments.RenderedNode))
    assert len(node.entries) == 3


@pytest.mark.django_db
def test_the_register_shows_a_renamed_gap_at_once(client, settings):
    settings.PAGE_CACHE = False
    gap = DataGapFactory(title="First title")
    assert "First title" in client.get("/gaps/").content.decode()
    gap.title = "Second title"
    gap.save()
    page = client.get("/gaps/").content.decode()
    assert "Second title" in page and "First title" not in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "current"),
    [
        ("/members/", "Members"),
        ("/agenda/", "Agenda"),
        ("/gaps/", "Data gaps"),
        ("/library/", "Library"),
        ("/search/?q=labour", "Search"),
        ("/people/", "People"),
        ("/no-such-page/", None),
    ],
)
def test_the_main_navigation_marks_the_section_of_each_page(client, url, current):
    """The navigation is rendered once per section: each page still marks its own."""
    for _ in range(2):  # rendered, then reused
        response = client.get(url)
        assert response.status_code == (404 if current is None else 200)
        page = response.content.decode()
        nav = page[page.index('<nav aria-label="Main">') : page.index("</nav>")]
        marked = re.findall(r'aria-current="page">([^<]+)<', nav)
        assert marked == ([current] if current else []), (url, marked)
        assert "Discussions" not in nav


@pytest.mark.django_db
def test_the_main_navigation_offers_discussions_to_the_signed_in_only(client, member_a):
    assert "/discussions/" not in client.get("/members/").content.decode().split("</nav>")[0]
    client.force_login(member_a)
    page = client.get("/members/").content.decode()
    nav = page[page.index('<nav aria-label="Main">') : page.index("</nav>")]
    assert 'href="/discussions/"' in nav
