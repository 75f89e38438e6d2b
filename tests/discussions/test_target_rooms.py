"""Rooms attached to a project: the team only, leads moderate, accepted members join it."""

import pytest

from network.discussions.enums import RoomVisibility
from network.discussions.models import Room
from projects import services as project_services
from projects.enums import ProjectStatus
from tests.factories import MembershipFactory, UserFactory, with_totp

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(focal_a, org_a):
    with_totp(focal_a)  # the proposer leads the project, and leads use two-factor sign-in
    project = project_services.project_propose(
        user=focal_a,
        title="Comparable data on child trafficking in Moldova",
        summary="Builds comparable indicators.",
        lead_organization=org_a,
    )
    project_services.project_transition(
        project=project, by=focal_a, to_status=ProjectStatus.PROPOSED, reason="Ready."
    )
    project_services.project_transition(
        project=project, by=focal_a, to_status=ProjectStatus.RECRUITING, reason="Recruiting."
    )
    return project


def test_team_opens_a_restricted_room_that_leads_moderate(client, project, focal_a):
    client.force_login(focal_a)
    response = client.post(f"/projects/{project.slug}/discussion/")
    room = Room.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/discussions/{room.slug}/"
    assert room.visibility == RoomVisibility.RESTRICTED
    assert room.target == project
    assert list(room.members.values_list("user_id", flat=True)) == [focal_a.pk]
    assert list(room.moderators.values_list("user_id", flat=True)) == [focal_a.pk]
    assert client.get(f"/discussions/{room.slug}/").status_code == 200
    # Opening it again reuses the same room.
    client.post(f"/projects/{project.slug}/discussion/")
    assert Room.objects.count() == 1


def test_outsider_cannot_open_or_see_the_team_room(client, project, focal_a, focal_b):
    client.force_login(focal_b)
    assert client.post(f"/projects/{project.slug}/discussion/").status_code == 403
    assert Room.objects.count() == 0
    client.force_login(focal_a)
    client.post(f"/projects/{project.slug}/discussion/")
    room = Room.objects.get()
    client.force_login(focal_b)
    assert client.get(f"/discussions/{room.slug}/").status_code == 404
    assert (
        "Comparable data on child trafficking" not in client.get("/discussions/").content.decode()
    )


def test_accepted_member_joins_the_team_room(client, project, focal_a, org_b):
    client.force_login(focal_a)
    client.post(f"/projects/{project.slug}/discussion/")
    room = Room.objects.get()
    newcomer = MembershipFactory(organization=org_b).user
    join_request = project_services.join_request_create(
        project=project, user=newcomer, message="I work on Moldova."
    )
    client.force_login(newcomer)
    assert client.get(f"/discussions/{room.slug}/").status_code == 404

    project_services.join_request_decide(join_request=join_request, by=focal_a, accept=True)
    assert client.get(f"/discussions/{room.slug}/").status_code == 200
    assert room.members.filter(user=newcomer).exists()
    assert not room.members.filter(user=UserFactory()).exists()


def test_member_starts_the_network_room_of_a_gap_and_a_priority(client, focal_a, member_a):
    from network.agenda.models import ResearchPriority
    from network.gaps.models import DataGap
    from tests.factories.gaps import DataGapFactory, PriorityFactory

    gap = DataGapFactory()
    priority = PriorityFactory()
    client.force_login(member_a)
    assert "Start a discussion" in client.get(f"/gaps/{gap.pk}/").content.decode()
    response = client.post(f"/gaps/{gap.pk}/discussion/")
    room = Room.objects.get(object_id=gap.pk, content_type__model="datagap")
    assert response["Location"] == f"/discussions/{room.slug}/"
    assert room.visibility == RoomVisibility.NETWORK
    client.post(f"/agenda/{priority.pk}/discussion/")
    assert Room.objects.filter(content_type__model="researchpriority").count() == 1
    page = client.get(f"/gaps/{gap.pk}/").content.decode()
    assert f'href="/discussions/{room.slug}/"' in page
    assert DataGap.objects.count() == 1 and ResearchPriority.objects.count() == 1


def test_user_without_a_member_organization_cannot_start_a_room(client, plain_user):
    from tests.factories.gaps import DataGapFactory

    gap = DataGapFactory()
    client.force_login(plain_user)
    assert client.post(f"/gaps/{gap.pk}/discussion/").status_code == 403
    assert Room.objects.count() == 0
    assert "Start a discussion" not in client.get(f"/gaps/{gap.pk}/").content.decode()


@pytest.fixture
def event(org_a):
    from tests.factories.events import EventPageFactory

    return EventPageFactory(title="Data workshop", slug="data-workshop", organizers=[org_a])


def test_event_room_for_confirmed_participants_and_organizers(
    client, event, focal_a, member_a, org_a, focal_b
):
    client.force_login(member_a)
    client.post("/events/data-workshop/register/", {"organization": org_a.pk})
    response = client.post("/events/data-workshop/discussion/")
    room = Room.objects.get()
    assert response["Location"] == f"/discussions/{room.slug}/"
    assert room.visibility == RoomVisibility.RESTRICTED
    assert list(room.members.values_list("user_id", flat=True)) == [member_a.pk]
    assert list(room.moderators.values_list("user_id", flat=True)) == [focal_a.pk]
    assert client.get(f"/discussions/{room.slug}/").status_code == 200

    client.force_login(focal_b)  # neither registered nor organizing
    assert client.post("/events/data-workshop/discussion/").status_code == 403
    assert client.get(f"/discussions/{room.slug}/").status_code == 404

    # Cancelling takes the person out of the room at once.
    client.force_login(member_a)
    client.post("/events/data-workshop/cancel/")
    assert not room.members.filter(user=member_a).exists()
    assert client.get(f"/discussions/{room.slug}/").status_code == 404


def test_session_room_follows_the_event_room(client, event, focal_a, member_a, org_a, focal_b):
    from tests.factories.events import SessionFactory

    session = SessionFactory(page=event, title="Data collection tools")
    client.force_login(member_a)
    client.post("/events/data-workshop/register/", {"organization": org_a.pk})
    page = client.get("/events/data-workshop/").content.decode()
    action = f'action="/events/data-workshop/sessions/{session.pk}/discussion/"'
    assert action in page
    response = client.post(f"/events/data-workshop/sessions/{session.pk}/discussion/")
    room = Room.objects.get()
    assert response["Location"] == f"/discussions/{room.slug}/"
    assert (room.target, room.title) == (session, "Data workshop: Data collection tools")
    assert room.visibility == RoomVisibility.RESTRICTED
    assert list(room.members.values_list("user_id", flat=True)) == [member_a.pk]
    assert list(room.moderators.values_list("user_id", flat=True)) == [focal_a.pk]
    page = client.get("/events/data-workshop/").content.decode()
    assert f'<a href="/discussions/{room.slug}/">Discussion of this session</a>' in page
    assert action not in page

    client.force_login(focal_b)  # neither registered nor organizing
    assert f"/discussions/{room.slug}/" not in client.get("/events/data-workshop/").content.decode()
    assert (
        client.post(f"/events/data-workshop/sessions/{session.pk}/discussion/").status_code == 403
    )
    assert client.get(f"/discussions/{room.slug}/").status_code == 404
    # Another event's session id is not found under this event.
    other = SessionFactory()
    client.force_login(member_a)
    assert client.post(f"/events/data-workshop/sessions/{other.pk}/discussion/").status_code == 404

    client.post("/events/data-workshop/cancel/")
    assert not room.members.filter(user=member_a).exists()
    assert client.get(f"/discussions/{room.slug}/").status_code == 404


def test_project_member_removal_takes_them_out_of_the_team_room(
    client, project, focal_a, member_a, org_b
):
    from django.core.exceptions import ValidationError

    from projects.models import ProjectMember

    client.force_login(focal_a)
    client.post(f"/projects/{project.slug}/discussion/")
    room = Room.objects.get()
    people = []
    for _ in range(2):
        person = MembershipFactory(organization=org_b).user
        join_request = project_services.join_request_create(
            project=project, user=person, message="Count me in."
        )
        project_services.join_request_decide(join_request=join_request, by=focal_a, accept=True)
        people.append(person)
    first, second = (ProjectMember.objects.get(project=project, user=p) for p in people)
    lead = ProjectMember.objects.get(project=project, user=focal_a)

    # A team member cannot remove another one; nobody removes the last lead.
    with pytest.raises(ValidationError, match="Only the person themselves or a lead"):
        project_services.project_member_remove(member=second, by=people[0])
    with pytest.raises(ValidationError, match="at least one lead"):
        project_services.project_member_remove(member=lead, by=focal_a)
    assert room.members.filter(user=people[1]).exists()

    project_services.project_member_remove(member=first, by=people[0])  # leaves
    project_services.project_member_remove(member=second, by=focal_a)  # removed by the lead
    assert list(room.members.values_list("user_id", flat=True)) == [focal_a.pk]
    client.force_login(people[1])
    assert client.get(f"/discussions/{room.slug}/").status_code == 404
