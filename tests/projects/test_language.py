"""A project keeps the language its text is written in."""

import pytest
from django.utils import translation

from projects import services
from projects.models import ResearchProject

pytestmark = pytest.mark.django_db


def test_proposal_records_the_language_chosen_or_the_writers(lead, org_a):
    chosen = services.project_propose(
        user=lead, title="Routes", summary="Маршруты.", lead_organization=org_a, language="ru"
    )
    with translation.override("fr"):
        default = services.project_propose(
            user=lead, title="Itinéraires", summary="S.", lead_organization=org_a
        )
    assert (chosen.language, default.language) == ("ru", "fr")


def test_edit_without_a_language_keeps_it(project, lead):
    ResearchProject.objects.filter(pk=project.pk).update(language="fr")
    project.refresh_from_db()
    services.project_update(project=project, by=lead, summary="Nouveau.", language="")
    project.refresh_from_db()
    assert (project.summary, project.language) == ("Nouveau.", "fr")


def test_project_pages_mark_the_text_with_its_language(client, project):
    ResearchProject.objects.filter(pk=project.pk).update(language="ru", summary="Маршруты.")
    page = client.get("/projects/routes/").content.decode()
    assert '<h1 lang="ru">Routes of trafficked children</h1>' in page
    assert '<p lang="ru">Маршруты.</p>' in page
    assert '<span class="written-in">Written in Russian</span>' in page
    listing = client.get("/projects/").content.decode()
    assert 'lang="ru">Routes of trafficked children</a>' in listing
    assert client.get("/api/v1/projects/routes").json()["language"] == "ru"


def test_edit_form_offers_the_language(client, project, lead):
    client.force_login(lead)
    page = client.get("/projects/routes/edit/").content.decode()
    assert "Language of this text" in page
    assert '<option value="en" selected>' in page
