"""Every kind of page a person meets, on the seed content, checked two ways in one browser
session: axe-core finds no serious or critical accessibility violation in what Chromium
renders, and the Nu HTML checker finds no error in the HTML the server sent."""

import json
import re

import pytest
from django.core.management import call_command

from events.models import EventPage
from members.models import Organization
from network.agenda.models import ResearchPriority
from network.discussions import services as discussions
from network.discussions.models import Room, Topic
from network.gaps.models import DataGap
from network.library.models import Publication
from projects.models import ResearchProject
from tests.browser.conftest import (  # noqa: F401 - fixtures
    _allow_orm_under_playwright,
    browser,
    new_page,
    site_url,
)
from tests.discussions.conftest import session_cookie
from tests.factories import MembershipFactory, UserFactory
from tests.factories.events import EventPageFactory, SessionFactory, events_index

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SLUG = "data-gaps-working-group"
BLOCKING = {"serious", "critical"}
RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + " — " + n.failureSummary),
  }));
}"""


@pytest.fixture
def member():
    """The seed content, plus what a member meets on an ordinary day: an event open for
    registration and a conversation in the network's room. Set up before the browser starts:
    services broadcast through async_to_sync, which refuses to run inside Playwright's loop."""
    events_index()  # puts back Wagtail's root page if a transactional test flushed it
    call_command("load_network_data", verbosity=0)
    organization = Organization.objects.order_by("name").first()
    person = MembershipFactory(
        organization=organization, user=UserFactory(display_name="Lena Marković")
    ).user
    event = EventPageFactory(title="Data gaps working group", slug=SLUG)
    SessionFactory(page=event, title="Opening")
    discussions.message_post(
        room=Room.objects.get(slug="inter-agency-research-network"),
        author=person,
        topic_title="Sampling hidden populations",
        body="Has anyone used **respondent-driven sampling** with children on the move?",
    )
    return person


def pages():
    """name -> (path, signed in?): the home page, every list page, one page of each kind."""
    topic = Topic.objects.select_related("room").get(title="Sampling hidden populations")
    room = topic.room.slug

    def first(model):
        return model.objects.order_by("pk").first()

    return {
        "home, anonymous": ("/", False),
        "sign in": ("/accounts/login/", False),
        "sign up": ("/accounts/signup/", False),
        "home": ("/", True),
        "members": ("/members/", True),
        "organization": (f"/members/{Organization.objects.order_by('name').first().slug}/", True),
        "agenda": ("/agenda/", True),
        "adopted agenda": ("/agenda/adopted/", True),
        "priority": (f"/agenda/{first(ResearchPriority).pk}/", True),
        "gaps": ("/gaps/", True),
        "gap": (f"/gaps/{first(DataGap).pk}/", True),
        "heatmap": ("/gaps/heatmap/", True),
        "indicators": ("/gaps/indicators/", True),
        "projects": ("/projects/", True),
        "project": (f"/projects/{first(ResearchProject).slug}/", True),
        "events": ("/events/", True),
        "event open for registration": (EventPage.objects.get(slug=SLUG).url, True),
        "past event": (EventPage.objects.exclude(slug=SLUG).order_by("pk").first().url, True),
        "library": ("/library/", True),
        "publication": (f"/library/{first(Publication).slug}/", True),
        "standard page": ("/about/", True),
        "discussion rooms": ("/discussions/", True),
        "discussion room": (f"/discussions/{room}/", True),
        "discussion topic": (f"/discussions/{room}/t/{topic.pk}/", True),
        "search results": ("/search/?q=trafficking", True),
    }


def test_pages_have_no_serious_violations_and_valid_html(
    member,
    new_page,  # noqa: F811 - also fails the test on any Content-Security-Policy violation
    site_url,  # noqa: F811
    axe_script,
    validate_html,
):
    tabs = {signed_in: new_page() for signed_in in (False, True)}
    for signed_in, page in tabs.items():
        # An init script runs through the DevTools protocol, outside the page's CSP.
        page.context.add_init_script(path=str(axe_script))
        if signed_in:
            value = session_cookie(member)[1].decode().split("=", 1)[1]
            page.context.add_cookies([{"name": "sessionid", "value": value, "url": site_url}])

    violations, documents = {}, {}
    for name, (path, signed_in) in pages().items():
        page = tabs[signed_in]
        response = page.goto(path)
        assert response.status == 200, f"{name}: {path} answered {response.status}"
        documents[name] = response.text()
        if found := [v for v in page.evaluate(RUN_AXE) if v["impact"] in BLOCKING]:
            violations[f"{name} ({path})"] = found
    assert "Lena Marković" in documents["home"]
    assert re.search(r"[1-9]\d* results for “trafficking”", documents["search results"])

    errors = validate_html(documents)  # one run of the checker for all pages
    assert violations == {}, json.dumps(violations, indent=1, ensure_ascii=False)
    assert errors == [], "\n".join(errors)
