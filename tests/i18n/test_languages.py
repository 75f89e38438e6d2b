"""Which language a person reads the site in: the profile's when signed in, else the
switcher's cookie, else Accept-Language, else English; an unknown code anywhere is English."""

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from members.models import User
from network.platform.languages import ProfileLanguageMiddleware
from tests.factories import UserFactory

COOKIE = settings.LANGUAGE_COOKIE_NAME
# The search page's heading in each language (locale/*/LC_MESSAGES/django.po).
HEADING = {"en": "<h1>Search</h1>", "fr": "<h1>Recherche</h1>", "ru": "<h1>Поиск</h1>"}


def read(client, url="/search/", **headers):
    response = client.get(url, headers=headers)
    assert response.status_code == 200
    return response, response.content.decode()


def language_of(page):
    found = [code for code, heading in HEADING.items() if heading in page]
    assert len(found) == 1, found
    return found[0]


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_visitor_without_preference_reads_english():
    response, page = read(Client())
    assert language_of(page) == "en"
    assert '<html lang="en">' in page
    assert response["Content-Language"] == "en"


@pytest.mark.django_db
def test_browser_language_is_followed():
    response, page = read(Client(), **{"Accept-Language": "fr-FR,fr;q=0.9,en;q=0.5"})
    assert language_of(page) == "fr"
    assert '<html lang="fr">' in page
    assert "Réseau de recherche interinstitutions" in page
    assert response["Content-Language"] == "fr"


@pytest.mark.django_db
def test_switcher_cookie_wins_over_browser():
    client = Client()
    client.cookies[COOKIE] = "ru"
    _, page = read(client, **{"Accept-Language": "fr"})
    assert language_of(page) == "ru"
    assert '<html lang="ru">' in page


@pytest.mark.django_db
def test_profile_language_wins_over_cookie_and_browser():
    client = signed_in(UserFactory(interface_language="fr"))
    client.cookies[COOKIE] = "ru"
    _, page = read(client, **{"Accept-Language": "ru"})
    assert language_of(page) == "fr"
    assert '<html lang="fr">' in page


@pytest.mark.django_db
def test_empty_profile_language_follows_cookie_then_browser():
    client = signed_in(UserFactory(interface_language=""))
    _, page = read(client, **{"Accept-Language": "ru"})
    assert language_of(page) == "ru"
    client.cookies[COOKIE] = "fr"
    _, page = read(client, **{"Accept-Language": "ru"})
    assert language_of(page) == "fr"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "cookie, header",
    [("xx", ""), ("", "de-DE,tlh;q=0.8"), ("../../etc", "*"), ("fr\u00e9", "zz-ZZ;q=abc")],
)
def test_unknown_cookie_or_header_falls_back_to_english(cookie, header):
    client = Client()
    if cookie:
        client.cookies[COOKIE] = cookie
    response, page = read(client, **{"Accept-Language": header})
    assert language_of(page) == "en"
    assert response["Content-Language"] == "en"


@pytest.mark.django_db
def test_unknown_profile_language_falls_back_to_english():
    person = UserFactory()
    # A code the choices no longer offer (a language dropped from settings.LANGUAGES).
    User.objects.filter(pk=person.pk).update(interface_language="de")
    _, page = read(signed_in(person))
    assert language_of(page) == "en"


@pytest.mark.django_db
def test_profile_language_costs_no_query():
    """The middleware reads the user AuthenticationMiddleware loaded: nothing more."""
    person = UserFactory(interface_language="ru")
    request = RequestFactory().get("/search/")
    request.user = User.objects.get(pk=person.pk)
    request.LANGUAGE_CODE = "en"
    seen = {}

    def view(request):
        from django.utils.translation import get_language

        seen["language"] = get_language()
        seen["request"] = request.LANGUAGE_CODE
        return None

    with CaptureQueriesContext(connection) as queries:
        ProfileLanguageMiddleware(view)(request)
    assert len(queries) == 0
    assert seen == {"language": "ru", "request": "ru"}

    request.user = AnonymousUser()
    with CaptureQueriesContext(connection) as queries:
        ProfileLanguageMiddleware(view)(request)
    assert len(queries) == 0


@pytest.mark.django_db
def test_profile_form_offers_the_site_languages_and_saves_one():
    person = UserFactory(display_name="Ana Example")
    client = signed_in(person)
    _, page = read(client, "/members/profile/")
    assert 'name="interface_language"' in page
    for code, name in (("en", "English"), ("fr", "French"), ("ru", "Russian")):
        assert f'value="{code}"' in page and name in page
    response = client.post(
        "/members/profile/",
        {"display_name": "Ana Example", "interface_language": "ru", "visibility": "members"},
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.interface_language == "ru"
    _, page = read(client)
    assert language_of(page) == "ru"


@pytest.mark.django_db
def test_profile_form_refuses_an_unknown_language():
    person = UserFactory(display_name="Ana Example", interface_language="fr")
    client = signed_in(person)
    response = client.post(
        "/members/profile/",
        {"display_name": "Ana Example", "interface_language": "xx", "visibility": "members"},
    )
    assert response.status_code == 200
    assert "xx" in response.content.decode()  # Django's "Select a valid choice. xx is not…"
    person.refresh_from_db()
    assert person.interface_language == "fr"
