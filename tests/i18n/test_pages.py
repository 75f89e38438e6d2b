"""Cached pages per language, and `<html lang>` on every kind of page, error pages included."""

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.utils import translation

from tests.factories import UserFactory
from tests.factories.library import PublicationFactory


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE = True


def library(client, language):
    response = client.get("/library/", headers={"Accept-Language": language})
    assert response.status_code == 200
    return response["X-Page-Cache"], response.content.decode()


@pytest.mark.django_db
def test_visitor_cached_page_is_kept_per_language(org_a):
    PublicationFactory(title="Labour market study", publishers=[org_a])
    status, french = library(Client(), "fr")
    assert status == "miss" and '<html lang="fr">' in french and ">Bibliothèque</a>" in french
    status, english = library(Client(), "en")
    assert status == "miss" and '<html lang="en">' in english and ">Library</a>" in english
    # Each from the cache now (the fast path), each still in its own language.
    for language, heading in (("fr", ">Bibliothèque</a>"), ("en", ">Library</a>")):
        status, page = library(Client(), language)
        assert status == "hit" and f'<html lang="{language}">' in page and heading in page
    status, russian = library(Client(), "ru")
    assert status == "miss" and '<html lang="ru">' in russian and ">Библиотека</a>" in russian
    assert "Labour market study" in russian  # the seeds' and members' words stay as written


@pytest.mark.django_db
def test_signed_in_cached_page_is_kept_per_language(org_a):
    PublicationFactory(title="Labour market study", publishers=[org_a])
    french, english = Client(), Client()
    french.force_login(UserFactory(interface_language="fr"))
    english.force_login(UserFactory(interface_language="en"))
    status, page = library(french, "en")
    assert status == "miss" and '<html lang="fr">' in page and ">Se déconnecter</button>" in page
    status, page = library(english, "fr")
    assert status == "miss" and '<html lang="en">' in page and ">Sign out</button>" in page
    status, page = library(french, "en")
    assert status == "hit" and '<html lang="fr">' in page and ">Bibliothèque</a>" in page


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "fr", "ru"])
def test_not_found_page_carries_the_language(language):
    response = Client().get("/no-such-page/at-all/", headers={"Accept-Language": language})
    assert response.status_code == 404
    page = response.content.decode()
    assert f'<html lang="{language}">' in page
    heading = {"en": "Page not found", "fr": "Page introuvable", "ru": "Страница не найдена"}
    assert f"<h1>{heading[language]}</h1>" in page


@pytest.mark.django_db
def test_bad_request_page_is_translated():
    response = Client().get("/search/?q=a%00b", headers={"Accept-Language": "fr"})
    assert response.status_code == 400
    page = response.content.decode()
    assert '<html lang="fr">' in page
    assert "La requête contient un caractère nul (U+0000)" in page


@pytest.mark.parametrize(
    "language, heading",
    [
        ("en", "Something went wrong"),
        ("fr", "Une erreur s'est produite"),
        ("ru", "Что-то пошло не так"),
    ],
)
def test_server_error_page_carries_the_language(language, heading):
    # Django renders 500.html with no context and no request: only the active language.
    with translation.override(language):
        page = render_to_string("500.html")
    assert f'<html lang="{language}">' in page
    assert f"<h1>{heading}</h1>" in page
