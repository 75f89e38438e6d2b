"""A gap keeps the language it was written in; members add marked translations of its
description."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from network.gaps import services
from network.gaps.models import DataGap, GapTranslation
from tests.factories import UserFactory
from tests.factories.gaps import CountryFactory, DataGapFactory, GapTranslationFactory

pytestmark = pytest.mark.django_db

TITLE = "Нет данных о попрошайничестве"  # noqa: RUF001 -- Russian on purpose


def test_language_chosen_in_the_report_form_is_stored_and_shown(client, member_a, org_a):
    country = CountryFactory(code="MD")
    client.force_login(member_a)
    response = client.post(
        "/gaps/report/",
        {
            "organization": org_a.pk,
            "title": TITLE,
            "description": "Никто этого не учитывает.",
            "language": "ru",
            "area": "forms",
            "countries": [country.code],
            "empty_reason": "not_collected",
            "severity": "medium",
        },
    )
    gap = DataGap.objects.get()
    assert response.status_code == 302
    assert gap.language == "ru"
    page = client.get(gap.get_absolute_url()).content.decode()
    assert f'<h1 lang="ru">{TITLE}</h1>' in page
    assert '<p lang="ru" class="original">Никто этого не учитывает.</p>' in page
    assert '<span class="written-in">Written in Russian</span>' in page
    listing = client.get("/gaps/").content.decode()
    assert f'lang="ru">{TITLE}</a>' in listing


def test_edit_keeps_the_language_when_the_form_leaves_it_out(member_a, org_a):
    gap = DataGapFactory(reported_by=org_a, language="fr")
    services.gap_update(gap=gap, by=member_a, title="Nouveau titre", language="")
    gap.refresh_from_db()
    assert (gap.title, gap.language) == ("Nouveau titre", "fr")


def test_member_translation_shown_to_readers_of_its_language_only(client, member_a):
    gap = DataGapFactory(description="No source records this.")
    french = UserFactory(interface_language="fr", display_name="Ana Example")
    from tests.factories import MembershipFactory

    MembershipFactory(user=french, organization=member_a.memberships.get().organization)
    client.force_login(french)
    response = client.post(
        f"/gaps/{gap.pk}/translate/",
        {"language": "fr", "description": "Aucune source ne l'enregistre."},
    )
    assert response.status_code == 302
    page = client.get(gap.get_absolute_url()).content.decode()
    assert "Traduction de Ana Example (membre du réseau) ; l'original fait foi." in page
    assert '<div lang="fr">\n    \n    <p>Aucune source ne l&#x27;enregistre.</p>' in page
    client.force_login(member_a)
    english = client.get(gap.get_absolute_url()).content.decode()
    assert "No source records this." in english
    assert "Aucune source" not in english


def test_outsider_cannot_translate_a_gap(client, plain_user):
    gap = DataGapFactory()
    client.force_login(plain_user)
    url = f"/gaps/{gap.pk}/translate/"
    assert client.get(url).status_code == 403
    assert client.post(url, {"language": "fr", "description": "x"}).status_code == 403
    with pytest.raises(PermissionDenied):
        services.gap_translation_add(gap=gap, by=plain_user, language="fr", description="x")
    assert not GapTranslation.objects.exists()


def test_duplicate_and_same_language_translations_are_refused(client, member_a):
    existing = GapTranslationFactory(description="Première")
    client.force_login(member_a)
    response = client.post(
        f"/gaps/{existing.gap.pk}/translate/", {"language": "fr", "description": "Seconde"}
    )
    assert (
        "This gap already has a translation into French; its translator can edit it."
        in response.content.decode()
    )
    response = client.post(
        f"/gaps/{existing.gap.pk}/translate/", {"language": "en", "description": "Again"}
    )
    assert (
        "This gap is written in English: its original is already in that language."
        in response.content.decode()
    )
    assert list(GapTranslation.objects.values_list("description", flat=True)) == ["Première"]


def test_translation_edit_by_another_member_refused(client, member_a, focal_a):
    translation = GapTranslationFactory(translator=member_a)
    url = f"/gaps/{translation.gap.pk}/translations/fr/edit/"
    client.force_login(focal_a)
    assert client.post(url, {"description": "Volé"}).status_code == 403
    with pytest.raises(PermissionDenied):
        services.gap_translation_edit(translation=translation, by=focal_a, description="Volé")
    client.force_login(member_a)
    assert client.post(url, {"description": "Corrigée"}).status_code == 302
    translation.refresh_from_db()
    assert translation.description == "Corrigée"


def test_unknown_language_refused_by_the_service(member_a):
    gap = DataGapFactory()
    with pytest.raises(ValidationError):
        services.gap_translation_add(gap=gap, by=member_a, language="xx", description="?")
    assert not GapTranslation.objects.exists()


def test_api_gives_the_language(client):
    gap = DataGapFactory(language="fr")
    assert client.get(f"/api/v1/gaps/{gap.pk}").json()["language"] == "fr"
