"""A hidden person is listed nowhere, not even to their organization's focal point."""

import pytest

from members.enums import Visibility
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_alternate_choice_does_not_list_hidden_colleagues(client, org_a, focal_a):
    hidden = UserFactory(display_name="Quietcanary Person", visibility=Visibility.HIDDEN)
    MembershipFactory(user=hidden, organization=org_a)
    shown = MembershipFactory(organization=org_a).user
    client.force_login(focal_a)
    html = client.get("/members/agency-a/requests/").content.decode()
    assert "Quietcanary" not in html
    assert shown.name in html
    # Nor can the hidden person be named by posting their id.
    response = client.post("/members/agency-a/alternate/", {"user": hidden.pk})
    assert response.status_code in (200, 302)
    assert not hidden.memberships.filter(role="alternate").exists()


def test_fellow_participants_do_not_see_a_hidden_participant(client, org_a, member_a):
    from events.enums import RegistrationStatus
    from tests.factories.events import EventPageFactory, RegistrationFactory

    event = EventPageFactory(slug="closed-list", show_participants=True)
    hidden = UserFactory(display_name="Quietcanary Attendee", visibility=Visibility.HIDDEN)
    MembershipFactory(user=hidden, organization=org_a)
    RegistrationFactory(event=event, user=hidden, organization=org_a)
    RegistrationFactory(
        event=event, user=member_a, organization=org_a, status=RegistrationStatus.CONFIRMED
    )
    client.force_login(member_a)
    html = client.get("/events/closed-list/").content.decode()
    assert member_a.name in html  # the list is shown
    assert "Quietcanary" not in html
