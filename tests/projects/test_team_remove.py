"""Taking someone off a project's team, or leaving it: a confirmation page, then a POST. The
last lead stays; nobody but a lead removes someone else."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from members.enums import Visibility
from network.discussions import services as discussion_services
from network.discussions.enums import RoomVisibility
from network.discussions.models import RoomMember
from projects.enums import ProjectRole, ProjectStatus
from projects.models import ProjectMember
from tests.factories import MembershipFactory, UserFactory
from tests.factories.projects import ProjectMemberFactory

pytestmark = pytest.mark.django_db


def _html(response):
    return response.content.decode()


def _remove_url(project, user):
    entry = ProjectMember.objects.get(project=project, user=user)
    return reverse("projects:team_member_remove", args=[project.slug, entry.pk])


def _detail(client, project):
    return _html(client.get(reverse("projects:detail", args=[project.slug])))


def test_team_member_remove_get_asks_first_and_changes_nothing(client, project, lead, team_member):
    client.force_login(lead)
    response = client.get(_remove_url(project, team_member))
    html = _html(response)
    assert response.status_code == 200
    assert f"<h1>Remove {escape(team_member.name)} from Routes of trafficked children?</h1>" in html
    assert '<form method="post">' in html
    assert '<button type="submit" class="danger">Remove from the team</button>' in html
    assert '<a href="/projects/routes/">Cancel</a>' in html
    assert ProjectMember.objects.filter(project=project, user=team_member).exists()


def test_project_detail_lead_sees_remove_for_others_member_sees_leave(
    client, project, lead, team_member
):
    client.force_login(lead)
    html = _detail(client, project)
    assert html.count('/remove/">Remove<') == 1
    assert f'href="{_remove_url(project, team_member)}">Remove<' in html
    assert f'href="{_remove_url(project, lead)}">Leave this project</a>' in html
    client.force_login(team_member)
    html = _detail(client, project)
    assert '/remove/">Remove<' not in html
    assert f'href="{_remove_url(project, team_member)}">Leave this project</a>' in html


def test_team_member_remove_by_lead_takes_them_off_team_and_room(
    client, project, lead, team_member
):
    room = discussion_services.room_for_target(
        target=project,
        title="Project room",
        by=lead,
        visibility=RoomVisibility.RESTRICTED,
        members=[lead, team_member],
    )
    url = _remove_url(project, team_member)
    client.force_login(lead)
    response = client.post(url, follow=True)
    assert response.redirect_chain == [("/projects/routes/", 302)]
    assert f"{escape(team_member.name)} is no longer on the team." in _html(response)
    assert list(project.members.values_list("user", flat=True)) == [lead.pk]
    assert list(RoomMember.objects.filter(room=room).values_list("user", flat=True)) == [lead.pk]
    # The person removed still sees the (published) project, with none of the team's controls.
    client.force_login(team_member)
    html = _detail(client, project)
    assert '<h1 lang="en">Routes of trafficked children</h1>' in html
    for control in ("Leave this project", "What I commit", "For the team", "/remove/"):
        assert control not in html


def test_team_member_leaves(client, project, lead, team_member):
    client.force_login(team_member)
    url = _remove_url(project, team_member)
    html = _html(client.get(url))
    assert "<h1>Leave Routes of trafficked children?</h1>" in html
    assert '<button type="submit" class="danger">Leave the project</button>' in html
    response = client.post(url, follow=True)
    assert response.redirect_chain == [("/projects/routes/", 302)]
    assert "You have left Routes of trafficked children." in _html(response)
    assert not ProjectMember.objects.filter(project=project, user=team_member).exists()


def test_team_member_leaves_a_draft_lands_on_my_projects(client, project, lead, team_member):
    project.status = ProjectStatus.DRAFT
    project.save()
    client.force_login(team_member)
    response = client.post(_remove_url(project, team_member), follow=True)
    # The draft is no longer theirs to see.
    assert response.redirect_chain == [("/projects/mine/", 302)]
    assert "You have left Routes of trafficked children." in _html(response)
    assert client.get(reverse("projects:detail", args=[project.slug])).status_code == 404


def test_team_member_remove_by_non_lead_refused(client, project, lead, team_member, network_member):
    url = _remove_url(project, lead)
    for person in (team_member, network_member):
        client.force_login(person)
        assert client.get(url).status_code == 403
        assert client.post(url).status_code == 403
    assert sorted(project.members.values_list("user", flat=True)) == sorted(
        [lead.pk, team_member.pk]
    )


def test_team_member_remove_of_another_projects_entry_not_found(client, project, lead):
    other = ProjectMemberFactory(user=UserFactory())
    client.force_login(lead)
    url = reverse("projects:team_member_remove", args=[project.slug, other.pk])
    assert client.post(url).status_code == 404
    assert ProjectMember.objects.filter(pk=other.pk).exists()


def test_team_member_remove_last_lead_refused_with_message(client, project, lead, team_member):
    client.force_login(lead)
    response = client.post(_remove_url(project, lead), follow=True)
    assert response.redirect_chain == [("/projects/routes/", 302)]
    assert "A project needs at least one lead: name another lead first." in _html(response)
    entry = ProjectMember.objects.get(project=project, user=lead)
    assert entry.role == ProjectRole.LEAD


def test_team_member_remove_anonymous_sent_to_sign_in(client, project, lead, team_member):
    url = _remove_url(project, team_member)
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 302
        assert response.url == f"{reverse('account_login')}?next={url}"
    assert ProjectMember.objects.filter(project=project, user=team_member).exists()


def test_team_member_remove_does_not_name_a_hidden_person(client, project, lead, org_a):
    hidden = UserFactory(display_name="Quietcanary Person", visibility=Visibility.HIDDEN)
    MembershipFactory(user=hidden, organization=org_a)
    ProjectMemberFactory(project=project, user=hidden)
    client.force_login(lead)
    url = _remove_url(project, hidden)
    html = _html(client.get(url))
    assert (
        "<h1>Remove a researcher who keeps their profile private from "
        "Routes of trafficked children?</h1>"
    ) in html
    response = client.post(url, follow=True)
    assert "A researcher who keeps their profile private is no longer on the team." in _html(
        response
    )
    assert "Quietcanary" not in _html(response)
    assert not ProjectMember.objects.filter(project=project, user=hidden).exists()
