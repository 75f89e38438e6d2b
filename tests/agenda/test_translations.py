"""A priority keeps the language it was written in; members add marked translations of it."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from members.enums import MembershipRole
from network.agenda import services
from network.agenda.models import PriorityTranslation, ResearchPriority
from tests.factories import MembershipFactory, UserFactory
from tests.factories.gaps import PriorityFactory, PriorityTranslationFactory

pytestmark = pytest.mark.django_db

MARK = "(member of the network); the original is authoritative."


@pytest.fixture
def french_member(org_a):
    user = UserFactory(display_name="Claire Martin", interface_language="fr")
    MembershipFactory(user=user, organization=org_a, role=MembershipRole.MEMBER)
    return user


def _propose(client, org, **extra):
    return client.post(
        "/agenda/propose/",
        {
            "organization": org.pk,
            "title": "Trafic interne",
            "rationale": "Peu étudié.",
            "theme": "patterns",
            **extra,
        },
    )


def test_language_chosen_in_the_form_is_stored_and_marked(client, member_a, org_a):
    client.force_login(member_a)
    assert "Language of this text" in client.get("/agenda/propose/").content.decode()
    _propose(client, org_a, language="fr")
    priority = ResearchPriority.objects.get()
    assert priority.language == "fr"
    page = client.get(priority.get_absolute_url()).content.decode()
    assert '<h1 lang="fr">Trafic interne</h1>' in page
    assert '<p lang="fr" class="original">Peu étudié.</p>' in page
    assert '<span class="written-in">Written in French</span>' in page


def test_language_left_out_is_the_writers_interface_language(client, french_member, org_a):
    client.force_login(french_member)
    _propose(client, org_a)
    assert ResearchPriority.objects.get().language == "fr"


def test_unknown_language_is_refused_and_nothing_saved(client, member_a, org_a):
    client.force_login(member_a)
    response = _propose(client, org_a, language="xx")
    assert response.status_code == 200
    assert "Select a valid choice. xx is not one of the available choices." in (
        response.content.decode()
    )
    assert not ResearchPriority.objects.exists()


def test_list_items_carry_the_language(client):
    PriorityFactory(title="Routes", language="ru")
    page = client.get("/agenda/").content.decode()
    assert '<a href="/agenda/' in page
    assert 'lang="ru">Routes</a> <span class="written-in">Written in Russian</span>' in page


def test_no_marker_when_the_text_is_in_the_pages_language(client):
    priority = PriorityFactory(title="Routes", language="en")
    page = client.get(priority.get_absolute_url()).content.decode()
    assert '<h1 lang="en">Routes</h1>' in page
    assert "written-in" not in page


def test_french_member_translates_french_reader_sees_it_marked_english_reader_does_not(
    client, french_member, member_a
):
    priority = PriorityFactory(title="Internal trafficking", rationale="Under-researched.")
    client.force_login(french_member)
    form = client.get(f"/agenda/{priority.pk}/translate/").content.decode()
    assert "Langue de la traduction" in form
    assert '<option value="fr" selected>' in form
    response = client.post(
        f"/agenda/{priority.pk}/translate/",
        {"language": "fr", "title": "Traite interne", "rationale": "Peu étudiée."},
    )
    assert response.status_code == 302
    translation = PriorityTranslation.objects.get()
    assert (translation.language, translation.translator) == ("fr", french_member)
    priority.refresh_from_db()
    assert (priority.title, priority.rationale) == ("Internal trafficking", "Under-researched.")

    french = client.get(priority.get_absolute_url()).content.decode()
    assert '<h1 lang="en">Internal trafficking</h1>' in french
    assert "Traduction de Claire Martin (membre du réseau) ; l'original fait foi." in french
    assert '<div lang="fr">\n    <h3>Traite interne</h3>\n    <p>Peu étudiée.</p>' in french
    assert "Langue du texte : Anglais" in french or "Langue du texte : anglais" in french

    client.force_login(member_a)
    english = client.get(priority.get_absolute_url()).content.decode()
    assert "Internal trafficking" in english
    assert "Traite interne" not in english
    assert MARK not in english


def test_a_hidden_translator_is_not_named(client, org_a):
    from members.enums import Visibility

    hidden = UserFactory(display_name="Quiet Translator", visibility=Visibility.HIDDEN)
    MembershipFactory(user=hidden, organization=org_a)
    translation = PriorityTranslationFactory(translator=hidden)
    reader = UserFactory(interface_language="fr")
    client.force_login(reader)
    page = client.get(translation.priority.get_absolute_url()).content.decode()
    assert "Priorité traduite" in page
    assert "Quiet Translator" not in page


def test_outsider_and_anonymous_cannot_translate(client, plain_user):
    priority = PriorityFactory()
    url = f"/agenda/{priority.pk}/translate/"
    assert client.get(url).status_code == 302  # to sign in
    client.force_login(plain_user)
    assert client.get(url).status_code == 403
    data = {"language": "fr", "title": "T", "rationale": "R"}
    assert client.post(url, data).status_code == 403
    assert not PriorityTranslation.objects.exists()
    with pytest.raises(PermissionDenied):
        services.priority_translation_add(by=plain_user, priority=priority, **data)


def test_second_translation_into_one_language_is_refused_with_a_message(client, member_a):
    existing = PriorityTranslationFactory(title="Première")
    client.force_login(member_a)
    response = client.post(
        f"/agenda/{existing.priority.pk}/translate/",
        {"language": "fr", "title": "Seconde", "rationale": "Autre."},
    )
    assert response.status_code == 200
    assert (
        "This priority already has a translation into French; its translator can edit it."
        in response.content.decode()
    )
    assert list(PriorityTranslation.objects.values_list("title", flat=True)) == ["Première"]


def test_translation_into_the_originals_language_is_refused(member_a):
    priority = PriorityFactory(language="ru")
    with pytest.raises(ValidationError) as refused:
        services.priority_translation_add(
            priority=priority, by=member_a, language="ru", title="T", rationale="R"
        )
    assert refused.value.message_dict == {
        "language": [
            "This priority is written in Russian: its original is already in that language. "
            "Choose another language."
        ]
    }
    assert not PriorityTranslation.objects.exists()


def test_only_the_translator_or_staff_edit_a_translation(client, member_a, focal_a, staff):
    translation = PriorityTranslationFactory(translator=member_a)
    url = f"/agenda/{translation.priority.pk}/translations/fr/edit/"
    client.force_login(focal_a)
    assert client.get(url).status_code == 403
    assert client.post(url, {"title": "Volé", "rationale": "Non."}).status_code == 403
    client.force_login(member_a)
    page = client.get(url).content.decode()
    assert 'lang="fr"' in page and "Priorité traduite" in page
    assert client.post(url, {"title": "Corrigée", "rationale": "Mieux."}).status_code == 302
    client.force_login(staff)
    assert client.post(url, {"title": "Revue", "rationale": "Relue."}).status_code == 302
    translation.refresh_from_db()
    assert (translation.title, translation.language, translation.translator) == (
        "Revue",
        "fr",
        member_a,
    )


def test_edit_of_a_missing_translation_is_404(client, member_a):
    priority = PriorityFactory()
    client.force_login(member_a)
    assert client.get(f"/agenda/{priority.pk}/translations/de/edit/").status_code == 404


def test_api_gives_the_language(client):
    priority = PriorityFactory(language="ru")
    assert client.get(f"/api/v1/priorities/{priority.pk}").json()["language"] == "ru"


def test_list_query_count_constant_with_languages_and_translations(client):
    def make(n):
        for i, priority in enumerate(
            PriorityFactory.create_batch(n, language=("en", "fr", "ru")[n % 3])
        ):
            if i % 2:
                PriorityTranslationFactory(priority=priority, language="de")

    make(10)
    # Warm the shared caches (footer menu, filter choices): the steady state is measured.
    client.get("/agenda/", HTTP_ACCEPT_LANGUAGE="fr")
    with CaptureQueriesContext(connection) as few:
        assert client.get("/agenda/", HTTP_ACCEPT_LANGUAGE="fr").status_code == 200
    make(90)
    with CaptureQueriesContext(connection) as many:
        assert client.get("/agenda/", HTTP_ACCEPT_LANGUAGE="fr").status_code == 200
    assert ResearchPriority.objects.count() == 100
    assert len(few) == len(many)
