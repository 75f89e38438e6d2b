"""The secretariat inspects and curates projects in the Wagtail admin; nobody else gets in."""

import pytest

pytestmark = pytest.mark.django_db


def test_admin_projects_list_inspect_and_edit_for_staff(client, staff, project):
    client.force_login(staff)
    response = client.get("/admin/research_projects/")
    assert response.status_code == 200
    assert "Routes of trafficked children" in response.content.decode()
    inspect = client.get(f"/admin/research_projects/inspect/{project.pk}/")
    assert inspect.status_code == 200
    assert "TEAM-ONLY-CANARY-NOTES" in inspect.content.decode()
    assert client.get(f"/admin/research_projects/edit/{project.pk}/").status_code == 200


@pytest.mark.parametrize("who", ["lead", "network_member"])
def test_admin_projects_refused_to_non_staff(client, request, project, who):
    client.force_login(request.getfixturevalue(who))
    response = client.get("/admin/research_projects/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_admin_outputs_edit_offers_document_chooser(client, staff, project):
    from tests.factories.projects import ProjectOutputFactory

    output = ProjectOutputFactory(project=project)
    client.force_login(staff)
    response = client.get(f"/admin/project_outputs/edit/{output.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Report on information structures" in html
    assert "Choose a document" in html
