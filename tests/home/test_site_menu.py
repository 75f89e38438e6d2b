"""The footer's menu follows an editor's changes to the pages at once."""

import pytest

from home import seed
from home.models import StandardPage

pytestmark = pytest.mark.django_db


def _footer(client):
    html = client.get("/members/").content.decode()
    return html[html.index('aria-label="About the network"') :]


def test_menu_follows_the_editors_changes_at_once(client):
    seed.load()
    about = StandardPage.objects.get(slug="about")
    assert ">About the network</a>" in _footer(client)

    about.title = "Who we are"
    about.save_revision().publish()
    assert ">Who we are</a>" in _footer(client)

    about.show_in_menus = False
    about.save_revision().publish()
    footer = _footer(client)
    assert "Who we are" not in footer
    assert ">Contact</a>" in footer
