"""Russian at phone width (issue 19, item 6): the Russian words are the longest of the three
languages, and at 375 px nothing may make a page scroll sideways. A member who reads the
site in Russian opens a representative page of each area; a visitor the sign-in page."""

import pytest
from django.conf import settings
from django.test import Client

from members.enums import MembershipRole
from tests.factories import MembershipFactory, OrganizationFactory
from tests.factories.catalogue import DatasetFactory
from tests.factories.decisions import DecisionFactory
from tests.factories.discussions import MessageFactory, RoomFactory, TopicFactory
from tests.factories.events import EventPageFactory
from tests.factories.gaps import DataGapFactory, PriorityFactory
from tests.factories.groups import WorkingGroupFactory
from tests.factories.library import PublicationFactory
from tests.factories.projects import ResearchProjectFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 375, "height": 740}
PAGES = (
    "/",
    "/members/",
    "/people/",
    "/agenda/",
    "/gaps/",
    "/projects/",
    "/events/",
    "/library/",
    "/search/?q=trafficking",
    "/desk/",
    "/groups/",
    "/decisions/",
    "/data/",
    "/countries/",
    "/members/profile/",
    "/discussions/",
)


@pytest.fixture
def network(home_page):
    """Some of everything, so that lists and tables have rows."""
    organization = OrganizationFactory(
        name="Balkan Child Data Institute", slug="bcdi", acronym="BCDI"
    )
    member = MembershipFactory(
        organization=organization,
        role=MembershipRole.FOCAL_POINT,
        user__interface_language="ru",
        user__display_name="Olga Petrova",
    ).user
    for n in range(2):
        DataGapFactory(reported_by=organization, title=f"Missing disaggregation by age {n}")
        PriorityFactory(title=f"Re-trafficking of children after assistance {n}")
        ResearchProjectFactory(lead_organization=organization, status="active")
        PublicationFactory(title=f"Child trafficking in South-Eastern Europe {n}")
        DatasetFactory(owner=organization)
        DecisionFactory()
    EventPageFactory(title="Indicators working group")
    WorkingGroupFactory(name="Data standards", conveners=[organization])
    room = RoomFactory(title="Network room", slug="network-room")
    topic = TopicFactory(room=room, title="Welcome")
    MessageFactory(topic=topic, author=member, body="Hello", body_html="<p>Hello</p>")
    return member, room, topic


def too_wide(page, paths):
    """{path: scroll width} of the pages wider than the phone."""
    wide = {}
    for path in paths:
        page.goto(path)
        assert page.locator("html").get_attribute("lang") == "ru", path
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            wide[path] = width
    return wide


def test_russian_pages_fit_a_phone(new_page, site_url, network, screenshot):
    member, room, topic = network
    client = Client()
    client.force_login(member)
    page = new_page()
    page.set_viewport_size(PHONE)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": site_url,
            }
        ]
    )
    paths = [*PAGES, room.get_absolute_url(), topic.get_absolute_url()]
    wide = too_wide(page, paths)
    for path in ("/", "/agenda/", "/data/", room.get_absolute_url()):
        page.goto(path)
        screenshot(page, "ru-phone" + path.replace("/", "-").rstrip("-"))

    visitor = new_page()
    visitor.set_viewport_size(PHONE)
    visitor.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "ru", "url": site_url}]
    )
    wide |= too_wide(visitor, ["/accounts/login/", "/accounts/signup/"])
    screenshot(visitor, "ru-phone-sign-up")
    assert wide == {}
