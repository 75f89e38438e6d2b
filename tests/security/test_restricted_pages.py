"""A page restricted to a group or to signed-in people: those refused learn nothing of it."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from home.models import StandardPage
from tests.factories.events import EventPageFactory, events_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def editors(db):
    return Group.objects.create(name="Closed meeting readers")


@pytest.fixture
def group_page(editors):
    index = events_index()
    page = index.get_parent().add_child(
        instance=StandardPage(title="Secretariat notes", slug="secretariat")
    )
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([editors])
    return page


@pytest.fixture
def group_event(editors):
    event = EventPageFactory(title="Closed meeting", slug="closed")
    restriction = PageViewRestriction.objects.create(
        page=event, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([editors])
    return event


def test_group_page_is_404_to_signed_in_people_outside_the_group(
    client, member_a, group_page, group_event
):
    client.force_login(member_a)
    for url in ("/secretariat/", "/events/closed/", "/events/closed/register/"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Secretariat notes" not in response.content.decode()


def test_group_page_sends_anonymous_visitors_to_allauth(client, group_page):
    response = client.get("/secretariat/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/secretariat/"


def test_group_page_is_served_to_the_group(client, member_a, editors, group_page):
    member_a.groups.add(editors)
    client.force_login(member_a)
    response = client.get("/secretariat/")
    assert response.status_code == 200
    assert "Secretariat notes" in response.content.decode()
