"""Editors translate Wagtail pages in the admin (simple_translation); visitors read a page in
their language where a live translation exists, else the English page with a note in their
language, at the same URL (issue 19, item 3)."""

import re

import pytest
from django.test import Client
from django.utils.html import escape
from wagtail.models import Locale
from wagtail.test.utils.form_data import nested_form_data, rich_text

from events.models import EventPage
from home import seed
from home.models import HomePage, StandardPage
from tests.factories.events import EventPageFactory, events_index

pytestmark = pytest.mark.django_db

NOTE_FR = "Cette page n&#x27;est pas encore disponible en français ; voici la version anglaise."
NOTE_RU = "Эта страница пока недоступна на русском языке; вот её английская версия."


def visit(path, language, client=None):
    response = (client or Client()).get(path, headers={"Accept-Language": language})
    assert response.status_code == 200
    return response.content.decode()


def html_lang(html):
    return re.search(r'<html lang="([^"]+)">', html).group(1)


def submit_translation(client, page, language, **extra):
    locale = Locale.objects.get(language_code=language)
    response = client.post(
        f"/admin/translation/submit/page/{page.pk}/", {"locales": [locale.pk], **extra}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return page.get_translation(locale).specific


@pytest.fixture
def editor_client(staff):
    client = Client()
    client.force_login(staff)
    return client


@pytest.fixture
def french_about(editor_client):
    """The About page, translated into French by an editor through the admin and published."""
    seed.load()
    home = HomePage.objects.get(locale__language_code="en")
    about = StandardPage.objects.get(slug="about", locale__language_code="en")

    # The parent first: simple_translation offers a locale only where the parent exists in it.
    submit_translation(editor_client, home, "fr")
    french = submit_translation(editor_client, about, "fr")
    assert not french.live  # a translation starts as a draft copy of the English text

    response = editor_client.post(
        f"/admin/pages/{french.pk}/edit/",
        nested_form_data(
            {
                "title": "À propos du réseau",
                "slug": french.slug,
                "intro": rich_text("<p>Le réseau inter-agences réunit les agences.</p>"),
                "body": rich_text("<p>Chaque organisation membre a les mêmes droits.</p>"),
                "action-publish": "publish",
            }
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    french.refresh_from_db()
    assert french.live
    return french


def test_editor_translation_shown_to_french_visitor(french_about):
    html = visit("/about/", "fr")

    assert html_lang(html) == "fr"
    assert "<h1>À propos du réseau</h1>" in html
    assert "Chaque organisation membre a les mêmes droits." in html
    # French text in a French page: no lang of its own, and no note.
    assert "<article>" in html
    assert "translation-note" not in html
    assert "About the network</h1>" not in html


def test_english_visitor_sees_english_page(french_about):
    html = visit("/about/", "en")

    assert html_lang(html) == "en"
    assert "<h1>About the network</h1>" in html
    assert "À propos du réseau" not in html
    assert "translation-note" not in html


def test_russian_visitor_sees_english_page_with_note_in_russian(french_about):
    html = visit("/about/", "ru")

    assert html_lang(html) == "ru"
    assert '<article lang="en">' in html
    assert "<h1>About the network</h1>" in html
    assert NOTE_RU in html
    assert "À propos du réseau" not in html


def test_untranslated_page_is_english_with_note_never_404(french_about):
    # Ethics has no French version, though its parent has one.
    html = visit("/ethics/", "fr")

    assert html_lang(html) == "fr"
    assert '<article lang="en">' in html
    assert "<h1>Ethics and data protection</h1>" in html
    assert NOTE_FR in html


def test_draft_translation_not_shown(french_about):
    french_about.unpublish()

    html = visit("/about/", "fr")

    assert "<h1>About the network</h1>" in html
    assert NOTE_FR in html


def test_menu_shows_translated_titles(french_about):
    footer_fr = visit("/members/", "fr").split('class="footer-links"')[1]
    footer_ru = visit("/members/", "ru").split('class="footer-links"')[1]

    # Same addresses in every language; the title of the translation where there is one.
    assert '<li><a href="/about/">À propos du réseau</a></li>' in footer_fr
    assert '<li><a href="/ethics/" lang="en">Ethics and data protection</a></li>' in footer_fr
    assert '<li><a href="/about/" lang="en">About the network</a></li>' in footer_ru


def test_translations_not_listed_beside_their_page(french_about):
    from home.search.kinds import _pages

    assert sorted(_pages(None).values_list("slug", flat=True)) == ["about", "contact", "ethics"]


def test_page_cache_serves_each_language_its_own_page(settings, french_about):
    settings.PAGE_CACHE = True
    home_fr = HomePage.objects.get(locale__language_code="fr")
    home_fr.title = "Réseau inter-agences de recherche"
    home_fr.save_revision().publish()

    for _ in range(2):  # a miss, then a hit, for each language
        english = visit("/", "en")
        french = visit("/", "fr")
        russian = visit("/", "ru")
        assert "<h1>Inter Agency Research Network on Child Trafficking</h1>" in english
        assert "<h1>Réseau inter-agences de recherche</h1>" in french
        assert '<h1 lang="en">Inter Agency Research Network on Child Trafficking</h1>' in russian
        assert NOTE_RU in russian
        assert NOTE_FR not in french and "translation-note" not in english
    response = Client().get("/", headers={"Accept-Language": "fr"})
    assert response["X-Page-Cache"] == "hit"
    assert "<h1>Réseau inter-agences de recherche</h1>" in response.content.decode()


def test_event_page_translated_records_stay_on_the_event(editor_client, french_about):
    index = events_index()
    event = EventPageFactory(title="Oslo conference", slug="oslo-conference")
    home = HomePage.objects.get(locale__language_code="en")
    assert home.get_translation(Locale.objects.get(language_code="fr"))
    submit_translation(editor_client, index, "fr")
    french = submit_translation(editor_client, event, "fr")
    french.title = "Conférence d'Oslo"
    french.purpose = "<p>Faire le point sur la recherche.</p>"
    french.save_revision().publish()

    path = event.url
    html_fr = visit(path, "fr")
    html_en = visit(path, "en")
    html_ru = visit(path, "ru")

    assert "<h1>Conférence d&#x27;Oslo</h1>" in html_fr
    assert "Faire le point sur la recherche." in html_fr
    assert "<h1>Oslo conference</h1>" in html_en
    assert '<h1 lang="en">Oslo conference</h1>' in html_ru and NOTE_RU in html_ru
    # The event is listed once, under its translated title for French readers.
    index_fr = visit(index.url, "fr")
    assert index_fr.count("Conférence d&#x27;Oslo</a>") == 1
    assert "Oslo conference</a>" not in index_fr
    assert list(EventPage.objects.filter(slug="oslo-conference").values_list("pk", flat=True))
    from events.selectors import upcoming_events

    assert list(upcoming_events()) == [event]


def test_untranslated_event_no_404(french_about):
    event = EventPageFactory(title="Vienna meeting")

    html = visit(event.url, "fr")

    assert '<h1 lang="en">Vienna meeting</h1>' in html
    assert escape("voici la version anglaise") in html.replace("&#x27;", "'")


def test_restricted_translation_not_shown_to_those_it_refuses(french_about):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(
        page=french_about, restriction_type=PageViewRestriction.LOGIN
    )

    html = visit("/about/", "fr")
    footer = html.split('class="footer-links"')[1]

    # The English page is open to all; its French text only to people signed in.
    assert "<h1>About the network</h1>" in html
    # Neither the page's heading nor the footer's link takes the French title (the footer's
    # own label, "À propos du réseau", is the interface's and stays).
    assert "<h1>À propos du réseau</h1>" not in html
    assert ">À propos du réseau</a>" not in footer
    assert '<a href="/about/" lang="en">About the network</a>' in footer
