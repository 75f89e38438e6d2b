"""Losing access closes the person's open sockets (4403) within a second, whatever the path:
removal from a project team, deactivation, logout (that session only), the organization
leaving the network, a membership ending."""

import time

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.test import Client

from members.enums import OrganizationStatus
from network.asgi import application
from network.discussions import services
from network.discussions.enums import RoomVisibility
from network.groups import services as group_services
from projects import services as project_services
from projects.enums import ProjectStatus
from projects.models import ProjectMember
from tests.discussions.conftest import ORIGIN
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory, with_totp
from tests.factories.discussions import RoomFactory, TopicFactory
from tests.factories.groups import WorkingGroupFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WITHIN = 1.0  # seconds from the change to the close


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client, (b"cookie", f"sessionid={client.cookies['sessionid'].value}".encode())


async def socket_with(cookie, slug):
    communicator = WebsocketCommunicator(
        application, f"/ws/discussions/{slug}/", headers=[ORIGIN, cookie]
    )
    connected, _ = await communicator.connect(timeout=5)
    assert connected is True
    assert (await communicator.receive_json_from(timeout=5))["type"] == "presence"
    return communicator


async def joined(user, slug):
    _, cookie = await sync_to_async(signed_in)(user)
    return await socket_with(cookie, slug)


async def closes_within(communicator, change, *args, **kwargs):
    """Make the change and return how long the socket took to get its 4403, skipping the
    presence frames of others leaving."""
    start = time.monotonic()
    await sync_to_async(change)(*args, **kwargs)
    while True:
        output = await communicator.receive_output(timeout=WITHIN)
        if output["type"] == "websocket.close":
            assert output == {"type": "websocket.close", "code": 4403}
            return time.monotonic() - start
        assert '"presence"' in output.get("text", ""), output


async def next_message(communicator):
    while (frame := await communicator.receive_json_from(timeout=5))["type"] != "message":
        assert frame["type"] == "presence", frame
    return frame


async def gets_nothing_more(communicator, room, author):
    """After the close, a message in the room never reaches the closed socket."""
    topic = await sync_to_async(TopicFactory)(room=room, title="After")
    await sync_to_async(services.message_post)(room=room, author=author, body="secret", topic=topic)
    assert await communicator.receive_nothing(timeout=0.3) is True


def _project_with_room(lead, organization, newcomer):
    with_totp(lead)  # a project lead's socket needs a second factor, as their pages do
    project = project_services.project_propose(
        user=lead, title="Moldova data", summary="Comparable data.", lead_organization=organization
    )
    for status in (ProjectStatus.PROPOSED, ProjectStatus.RECRUITING):
        project_services.project_transition(project=project, by=lead, to_status=status, reason=".")
    room = services.room_for_target(
        target=project,
        title=project.title,
        by=lead,
        visibility=RoomVisibility.RESTRICTED,
        members=[lead],
        moderators=[lead],
    )
    join_request = project_services.join_request_create(
        project=project, user=newcomer, message="Count me in."
    )
    project_services.join_request_decide(join_request=join_request, by=lead, accept=True)
    return room, ProjectMember.objects.get(project=project, user=newcomer)


async def test_removal_from_the_project_team_closes_its_room(focal_a, org_a, member_a):
    room, member = await sync_to_async(_project_with_room)(focal_a, org_a, member_a)
    removed = await joined(member_a, room.slug)
    lead = await joined(focal_a, room.slug)
    elapsed = await closes_within(
        removed, project_services.project_member_remove, member=member, by=focal_a
    )
    assert elapsed < WITHIN
    await gets_nothing_more(removed, room, focal_a)
    # The lead stays and keeps receiving.
    assert (await next_message(lead))["body_html"] == "<p>secret</p>"
    await lead.disconnect()


async def test_deactivated_person_is_disconnected_from_every_room(member_a, focal_b):
    network_room = await sync_to_async(RoomFactory)(title="Open", slug="open")
    team_room = await sync_to_async(RoomFactory)(
        title="Team", slug="team", visibility=RoomVisibility.RESTRICTED
    )
    await sync_to_async(services.room_member_add)(room=team_room, user=member_a)
    sockets = [await joined(member_a, network_room.slug), await joined(member_a, team_room.slug)]

    def deactivate():
        member_a.is_active = False
        member_a.save()  # as the Wagtail admin's user form does

    start = time.monotonic()
    await closes_within(sockets[0], deactivate)
    await closes_within(sockets[1], lambda: None)
    assert time.monotonic() - start < WITHIN
    await gets_nothing_more(sockets[0], network_room, focal_b)
    # A deactivated person cannot come back either.
    refused = WebsocketCommunicator(
        application, f"/ws/discussions/{network_room.slug}/", headers=[ORIGIN]
    )
    await refused.connect(timeout=5)
    assert await refused.receive_output(timeout=5) == {"type": "websocket.close", "code": 4403}


async def test_logout_closes_the_sockets_of_that_session_only(member_a, focal_b):
    room = await sync_to_async(RoomFactory)(title="Open", slug="open")
    laptop, laptop_cookie = await sync_to_async(signed_in)(member_a)
    _, phone_cookie = await sync_to_async(signed_in)(member_a)
    on_laptop = await socket_with(laptop_cookie, room.slug)
    on_phone = await socket_with(phone_cookie, room.slug)
    assert (await on_laptop.receive_json_from(timeout=5))["type"] == "presence"

    assert await closes_within(on_laptop, laptop.post, "/accounts/logout/") < WITHIN
    await gets_nothing_more(on_laptop, room, focal_b)
    # The other session's socket is still in the room.
    assert (await next_message(on_phone))["body_html"] == "<p>secret</p>"
    await on_phone.disconnect()


async def test_organization_leaving_or_membership_ending_disconnects(
    org_a, member_a, org_b, focal_b, staff
):
    room = await sync_to_async(RoomFactory)(title="Open", slug="open")
    other_b = await sync_to_async(lambda: MembershipFactory(organization=org_b).user)()
    leaver = await joined(member_a, room.slug)
    ended = await joined(focal_b, room.slug)
    stays = await joined(other_b, room.slug)

    def leave_network():
        org_a.status = OrganizationStatus.FORMER
        org_a.save()  # the secretariat edits the organization in the admin

    assert await closes_within(leaver, leave_network) < WITHIN
    await gets_nothing_more(leaver, room, staff)
    assert (await next_message(ended))["body_html"] == "<p>secret</p>"
    assert await closes_within(ended, focal_b.memberships.all().delete) < WITHIN
    # Someone whose organization is still a member stays and receives.
    assert (await next_message(stays))["body_html"] == "<p>secret</p>"
    await stays.disconnect()


async def test_leaving_a_working_group_closes_its_restricted_rooms(plain_user, member_a, org_a):
    def setup():
        leaving = OrganizationFactory(name="Agency C", slug="agency-c")
        MembershipFactory(organization=leaving, user=plain_user)
        group = WorkingGroupFactory(conveners=[org_a], organizations=[leaving])
        room = RoomFactory(
            title="Group", slug="group", working_group=group, visibility=RoomVisibility.RESTRICTED
        )
        return group, room, leaving

    group, room, leaving = await sync_to_async(setup)()
    leaver = await joined(plain_user, room.slug)
    convener = await joined(member_a, room.slug)
    # The organization leaves the group (its spokesperson's or the secretariat's call).
    staff = await sync_to_async(lambda: with_totp(UserFactory(is_staff=True)))()
    leave = group_services.group_leave
    assert await closes_within(leaver, leave, group=group, organization=leaving, by=staff) < WITHIN
    await gets_nothing_more(leaver, room, member_a)
    assert (await next_message(convener))["body_html"] == "<p>secret</p>"
    await convener.disconnect()
