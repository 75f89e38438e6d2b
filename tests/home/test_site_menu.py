"""The footer's menu is cached, and an editor's change to a page shows at once."""

import pytest

from home import seed
from home.models import StandardPage

pytestmark = pytest.mark.django_db


def _footer(client):
    html = client.get("/members/").content.decode()
    return html[html.index('aria-label="About the network"') :]


def test_menu_follows_the_editors_changes_at_once(client, django_assert_num_queries):
    seed.load()
    about = StandardPage.objects.get(slug="about")
    assert ">About the network</a>" in _footer(client)

    # Once cached, the menu costs no query on the next page.
    client.get("/gaps/")
    with django_assert_num_queries(0):
        from django.test import RequestFactory

        from home.context_processors import site_menu

        menu = site_menu(RequestFactory().get("/gaps/"))["site_menu"]
    assert [item["url"] for item in menu] == ["/about/", "/ethics/", "/contact/"]

    about.title = "Who we are"
    about.save_revision().publish()
    assert ">Who we are</a>" in _footer(client)

    about.show_in_menus = False
    about.save_revision().publish()
    footer = _footer(client)
    assert "Who we are" not in footer
    assert ">Contact</a>" in footer
