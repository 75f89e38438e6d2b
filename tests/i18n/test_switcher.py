"""The header's language switcher (network.platform.views.language_switch)."""

import pytest
from django.conf import settings
from django.test import Client

from tests.factories import UserFactory

COOKIE = settings.LANGUAGE_COOKIE_NAME


def signed_in(user, **kwargs):
    client = Client(**kwargs)
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_visitor_sees_the_switcher_with_the_current_language_marked():
    page = Client().get("/search/", headers={"Accept-Language": "ru"}).content.decode()
    assert '<label for="language-switch">Язык</label>' in page
    assert '<option value="ru" lang="ru" selected>Русский</option>' in page
    assert '<option value="fr" lang="fr">français</option>' in page
    assert '<option value="en" lang="en">English</option>' in page
    assert 'name="next" value="/search/"' in page


@pytest.mark.django_db
def test_visitor_switches_and_reads_the_next_page_in_that_language():
    client = Client(enforce_csrf_checks=True)  # a visitor's switcher carries no token
    response = client.post("/i18n/language/", {"language": "fr", "next": "/search/?q=x"})
    assert response.status_code == 302 and response["Location"] == "/search/?q=x"
    assert client.cookies[COOKIE].value == "fr"
    page = client.get("/search/").content.decode()
    assert '<html lang="fr">' in page and "<h1>Recherche</h1>" in page


@pytest.mark.django_db
def test_switch_never_redirects_off_site():
    response = Client().post("/i18n/language/", {"language": "ru", "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == "/"


@pytest.mark.django_db
def test_signed_in_switch_is_saved_on_the_profile():
    person = UserFactory(interface_language="fr")
    client = signed_in(person)
    response = client.post("/i18n/language/", {"language": "ru", "next": "/search/"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.interface_language == "ru"
    # The profile now says Russian, whatever this browser's cookie or header says.
    other_browser = signed_in(person)
    page = other_browser.get("/search/", headers={"Accept-Language": "fr"}).content.decode()
    assert '<html lang="ru">' in page and "<h1>Поиск</h1>" in page


@pytest.mark.django_db
def test_signed_in_switch_needs_the_csrf_token():
    person = UserFactory(interface_language="fr")
    client = signed_in(person, enforce_csrf_checks=True)
    response = client.post("/i18n/language/", {"language": "ru", "next": "/"})
    assert response.status_code == 403
    person.refresh_from_db()
    assert person.interface_language == "fr"
    assert COOKIE not in client.cookies


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["xx", "", "fr-ca", "FR", "de", "ru\x00"])
def test_unknown_language_changes_nothing_and_says_so(code):
    person = UserFactory(interface_language="fr")
    client = signed_in(person)
    response = client.post("/i18n/language/", {"language": code, "next": "/search/"})
    assert response.status_code in (302, 400)
    person.refresh_from_db()
    assert person.interface_language == "fr"
    assert COOKIE not in client.cookies
    if response.status_code == 302:
        page = client.get(response["Location"]).content.decode()
        assert "Ce site n&#x27;est pas disponible dans cette langue." in page


@pytest.mark.django_db
def test_switcher_answers_only_post():
    assert Client().get("/i18n/language/?language=fr").status_code == 405
