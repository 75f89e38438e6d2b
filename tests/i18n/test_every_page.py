"""Every page of the authorization matrix, in French and Russian, as every role: no English
left from our own templates and code, and `<html lang>` set (issue 19, item 6).

The English words that could be left are the msgids of our own catalogues (locale/ and each
app's <app>/locale/). A rendered French or Russian page fails when its visible text (tags,
scripts and styles stripped; elements that carry a `lang` of their own are user content and
skipped) holds one of them verbatim: a whole text (a heading, a label, a button) equal to a
msgid, or a msgid of four words or more inside a longer text. Msgids whose translation is
the English itself (names, "API", "ORCID") and the proper names below are allowed, and so
are the titles of the editors' Wagtail pages (their words, translated in the admin).

The pages come from the matrix's world and rows (tests/security/world.py, rows.py), each
(row, role) rendered once per language; a signed-in role reads the site in the language of
its profile, a visitor in the switcher cookie's.
"""

import html
import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client
from wagtail.models import Page

from members.models import User
from tests.i18n.test_catalogues import CATALOGUES, entries
from tests.security import rows as table
from tests.security.world import ANON, ROLES

pytestmark = pytest.mark.django_db

LANGUAGES = ("fr", "ru")
# Names that stay as they are in every language, though a catalogue holds them.
PROPER_NAMES = {
    "Wagtail",
    "GitHub",
    "ORCID",
    "ROR",
    "OpenAPI",
    "CSV",
    "JSON",
    "RSS",
    "iCalendar",
    "Markdown",
    "UNICEF",
    "OSCE",
}
# Pages written in English whatever the reader's language: the API reference (Swagger UI has
# no translations; the schema is the developers' words). They must still say so in `lang`.
ENGLISH_ONLY = {"/api/v1/docs": "en"}
# Attributes that a person reads or hears (screen readers speak aria-label).
READ_ATTRIBUTES = {"aria-label", "placeholder", "title", "alt"}
SKIPPED_ELEMENTS = {"script", "style", "template", "code", "pre", "svg"}
VOID_ELEMENTS = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")
BRACKETS = "()[]{}«»\"“”„'\u2018\u2019"
LONG_ENOUGH = 4  # words: a msgid this long is looked for inside longer texts too
# The network's name is translated in the site's shell, but the editors' pages (home, About)
# quote it in English: it is looked for only as a whole text (the brand link, the footer).
WHOLE_ONLY = {"Inter Agency Research Network"}


def normal(text):
    return " ".join(html.unescape(text).split())


def english_msgids():
    """{language: {msgid: translation}} for every msgid of our own catalogues whose
    translation differs from it (plural forms and context kept with their first form)."""
    found = {language: {} for language in LANGUAGES}
    for po_path in CATALOGUES:
        language = po_path.parent.parent.name
        if language not in found:
            continue
        for _flags, fields in entries(po_path)[1:]:
            for key in ("msgid", "msgid_plural"):
                msgid = normal(fields.get(key, ""))
                translated = fields.get("msgstr") or fields.get("msgstr[0]", "")
                if msgid and normal(translated) != msgid and msgid not in PROPER_NAMES:
                    found[language].setdefault(msgid, translated)
    return found


def words(text):
    """The words of a text, brackets and quotes at their ends left out. Case counts: the
    French "invite" is not the English "Invite"."""
    return tuple(w for w in (w.strip(BRACKETS) for w in text.split()) if w)


class English:
    """Finds the English msgids in texts: a text that is exactly a msgid (a heading, a label,
    a button), or a run of words inside a text that is a msgid of LONG_ENOUGH words or more.
    Runs of words are looked up in a set, so a page costs a few thousand lookups. A msgid
    with placeholders is found by its longest literal part when that part is long enough."""

    def __init__(self, msgids):
        self.whole = set()
        self.runs = {}  # words -> msgid
        for msgid in msgids:
            if not re.search(r"[A-Za-z]{2}", msgid):
                continue  # punctuation, symbols, numbers
            if PLACEHOLDER.search(msgid):
                longest = max((words(p) for p in PLACEHOLDER.split(msgid)), key=len)
                if len(longest) >= LONG_ENOUGH - 1:
                    self.runs.setdefault(longest, msgid)
                continue
            self.whole.add(words(msgid))
            if len(words(msgid)) >= LONG_ENOUGH and msgid not in WHOLE_ONLY:
                self.runs.setdefault(words(msgid), msgid)
        self.longest = max(len(run) for run in self.runs)

    def left_in(self, texts):
        found = set()
        for text in texts:
            tokens = words(text.rstrip(":*").strip())
            if tokens in self.whole:
                found.add(text)
                continue
            for start in range(len(tokens)):
                for end in range(
                    start + LONG_ENOUGH - 1, min(len(tokens), start + self.longest) + 1
                ):
                    if (msgid := self.runs.get(tokens[start:end])) is not None:
                        found.add(msgid)
        return found


class VisibleText(HTMLParser):
    """The texts a person reads: text nodes and the read attributes, outside scripts and
    styles and outside any element with a `lang` of its own (user content, shown as written)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, skipped)
        self.texts = []
        self.html_lang = None

    def skipping(self):
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.html_lang = attrs.get("lang")
            return
        skipped = (
            self.skipping()
            or tag in SKIPPED_ELEMENTS
            or ("lang" in attrs and tag != "html")
            or ("hidden" in attrs and tag != "input")
        )
        if not skipped:
            for name in READ_ATTRIBUTES & attrs.keys():
                self.texts.append(attrs[name] or "")
            if tag == "input" and attrs.get("type") in ("submit", "button"):
                self.texts.append(attrs.get("value") or "")
        if tag not in VOID_ELEMENTS:
            self.stack.append((tag, skipped))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID_ELEMENTS and self.stack and self.stack[-1][0] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        if not self.skipping():
            self.texts.append(data)


def read(body):
    parser = VisibleText()
    parser.feed(body)
    parser.close()
    return parser.html_lang, [t for t in (normal(text) for text in parser.texts) if t]


MSGIDS = english_msgids()


def pages(world, role, language):
    """(url, body) for every GET row that answers `role` with a 200 HTML page, read in
    `language`: the profile's for a signed-in role, the switcher's cookie for a visitor."""
    client = Client(raise_request_exception=False)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    if role != ANON:
        client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[role]
        User.objects.filter(pk=world.users[role].pk).update(interface_language=language)
    urls = [
        row.url(world)
        for row in table.all_rows()
        if row.methods.get("GET", {}).get(role) in (200, table.OK)
    ]
    for url in urls:
        with transaction.atomic():
            response = client.get(url)
            transaction.set_rollback(True)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            yield url, response.content.decode()


def test_the_reader_sees_through_tags_and_skips_user_content():
    english = English(
        ["Sign out", "Nothing has been posted here yet.", "%(n)s new messages in your room"]
    )
    lang, texts = read(
        '<html lang="fr"><head><title>Accueil</title><style>.a{}</style></head><body>'
        '<script>var a = "Sign out";</script><button aria-label="Sign out">x</button>'
        '<p>Rien. Nothing has been posted here yet. <b lang="en">Sign out</b></p>'
        "<span>(3 new messages in your room)</span>"
        "<input type=submit value='Sign out'></body></html>"
    )
    assert lang == "fr"
    assert "Sign out" not in " ".join(texts[:1])
    assert english.left_in(texts) == {
        "Sign out",
        "Nothing has been posted here yet.",
        "%(n)s new messages in your room",
    }
    assert english.left_in(["Se déconnecter", "Rien à signaler"]) == set()


def test_catalogues_give_english_to_look_for():
    for language in LANGUAGES:
        assert len(MSGIDS[language]) > 500
        assert "Sign out" in MSGIDS[language]
        assert "Inter Agency Research Network" in MSGIDS[language]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("role", ROLES)
def test_every_page_is_whole_in_the_language(world, role, language):
    english = English(MSGIDS[language])
    # The editors' page titles (the footer's menu links to About, Contact…) are their words,
    # translated in the admin, not the catalogues'.
    titles = set(Page.objects.values_list("title", flat=True))
    seen, wrong = 0, []
    for url, body in pages(world, role, language):
        seen += 1
        lang, texts = read(body)
        if lang != ENGLISH_ONLY.get(url, language):
            wrong.append(f"{url}: <html lang={lang!r}>")
        if left := english.left_in(t for t in texts if t not in titles):
            wrong.append(f"{url}: {sorted(left)}")
    assert seen > 20, f"{role} reached only {seen} HTML pages"
    assert wrong == [], f"{role} in {language}: {len(wrong)} pages:\n" + "\n".join(wrong)
