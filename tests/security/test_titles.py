"""Every page's <title>, as every role: plain text under 120 characters.

It reuses the matrix's world and rows (tests/security/rows.py): every GET that answers 200
with HTML, and the staff's admin pages. A block left open in a template swallows the page
into its title; this is where that shows."""

import html
import re

import pytest

from tests.security import rows as table
from tests.security.matrix import send
from tests.security.world import ROLES, STAFF

pytestmark = pytest.mark.django_db

TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL | re.IGNORECASE)
LONGEST = 120


def title_problem(body):
    """What is wrong with the page's title, or None."""
    titles = TITLE.findall(body)
    if len(titles) != 1:
        return f"{len(titles)} <title> elements"
    raw = titles[0]
    if "<" in raw or ">" in raw:
        return f"markup in the title: {raw[:200]!r}"
    # Whitespace is collapsed as the browser shows it (allauth's titles span lines).
    text = " ".join(html.unescape(raw).split())
    if not text:
        return "an empty title"
    if len(text) >= LONGEST:
        return f"{len(text)} characters: {text[:200]!r}"
    return None


def html_pages(world, role):
    """(url, body) for every GET row that answers `role` with a 200 HTML page. Rows that
    declare a refusal for the role are not sent: the matrix checks those answers."""
    urls = [
        row.url(world)
        for row in table.all_rows()
        if row.methods.get("GET", {}).get(role) in (200, table.OK)
    ]
    if role == STAFF:
        urls += table.ADMIN_STAFF
    for url in urls:
        response = send(world, role, "GET", url)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            yield url, response.content.decode()


def test_a_title_left_open_is_caught():
    page = "<title>Your profile\n<h2>API tokens</h2> · Network</title>"
    assert title_problem(page) == f"markup in the title: {page[7:-8]!r}"
    assert title_problem("<title>Your profile · Network</title>") is None


@pytest.mark.parametrize("role", ROLES)
def test_every_page_title_is_short_plain_text(world, role):
    seen, wrong = 0, []
    for url, body in html_pages(world, role):
        seen += 1
        if problem := title_problem(body):
            wrong.append(f"{url}: {problem}")
    assert seen > 20, f"{role} reached only {seen} HTML pages"
    assert wrong == [], f"{role}: {len(wrong)} bad titles:\n" + "\n".join(wrong)
