"""Demo people (issue 16, item 8): named as demo accounts, passwords printed once, a banner on
every page, a desk with real items, and never under production settings."""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from home.management.commands.load_demo_people import NOTICE_TITLE, PREFIX, VOTE_TITLE
from members.enums import MembershipRole
from members.models import Membership, Organization, User
from network.desk.demo import DEMO_EMAIL_DOMAIN

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    from members import seed

    seed.load()
    return list(Organization.objects.members().exclude(source_document="").order_by("name")[:2])


def _run(*args):
    out = StringIO()
    call_command("load_demo_people", *args, stdout=out)
    return out.getvalue()


def test_demo_people_created_named_and_passwords_printed_once(seeded, client):
    first, second = seeded
    output = _run()
    demo = User.objects.filter(email__endswith="@" + DEMO_EMAIL_DOMAIN)
    assert demo.count() == 10
    focal = demo.get(email=f"demo-focal-{first.slug}@{DEMO_EMAIL_DOMAIN}")
    assert focal.display_name == f"{PREFIX}focal point of {first.name}"
    assert Membership.objects.get(user=focal, organization=first).role == (
        MembershipRole.FOCAL_POINT
    )
    alternate = demo.get(email=f"demo-alternate-{second.slug}@{DEMO_EMAIL_DOMAIN}")
    assert Membership.objects.get(user=alternate).role == MembershipRole.ALTERNATE
    # The printed password signs the person in.
    line = next(line for line in output.splitlines() if focal.email in line)
    password = line.rsplit(" / ", 1)[1]
    assert client.login(email=focal.email, password=password)
    # A second run creates nothing and prints no password.
    again = _run()
    assert demo.count() == 10
    assert " / " not in again
    assert "They exist already" in again


def test_demo_focal_point_sees_demo_items_and_banner(seeded, client):
    first, second = seeded
    _run()
    focal = User.objects.get(email=f"demo-focal-{first.slug}@{DEMO_EMAIL_DOMAIN}")
    client.force_login(focal)
    page = client.get("/desk/").content.decode()
    assert "Demo account" in page
    assert VOTE_TITLE in page
    assert NOTICE_TITLE in page
    assert f"{PREFIX}researcher of {second.name}" in page  # the join request
    # The banner is on other pages too.
    assert "Demo account" in client.get("/agenda/").content.decode()


def test_banner_not_shown_to_ordinary_accounts(client, focal_a):
    client.force_login(focal_a)
    assert "Demo account" not in client.get("/desk/").content.decode()


def test_demo_people_need_seeded_organizations():
    with pytest.raises(CommandError, match="load_network_data"):
        _run()
    assert not User.objects.filter(email__endswith="@" + DEMO_EMAIL_DOMAIN).exists()


def test_demo_people_refused_under_production_settings_module(seeded):
    with (
        override_settings(SETTINGS_MODULE="network.settings.production"),
        pytest.raises(CommandError, match="production"),
    ):
        _run()
    assert not User.objects.filter(email__endswith="@" + DEMO_EMAIL_DOMAIN).exists()


def test_demo_people_refused_when_run_with_production_settings():
    """The real thing: manage.py with the production settings module refuses, before it
    touches any database."""
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DJANGO_SETTINGS_MODULE", "PYTEST_XDIST_WORKER")
    }
    environment.update(
        SECRET_KEY="x7#pR2!vQ9@mL4$zK8^wN1&bT6*yH3(cJ5)dF0-gS2+eA7_uV9=iO4%qW8~rE1",
        ALLOWED_HOSTS="network.example",
        REDIS_URL=os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/8",
        DATABASE_URL="postgres://nobody@127.0.0.1:1/none",
        DJANGO_SETTINGS_MODULE="network.settings.production",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "load_demo_people"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "refuses to run under production settings" in result.stderr


def test_demo_people_leave_organizations_with_real_spokespeople_alone(seeded):
    from tests.factories import MembershipFactory

    first, second = seeded
    real = MembershipFactory(organization=first, role=MembershipRole.FOCAL_POINT).user
    _run()
    demo_orgs = set(
        Membership.objects.filter(user__email__endswith="@" + DEMO_EMAIL_DOMAIN).values_list(
            "organization_id", flat=True
        )
    )
    assert first.pk not in demo_orgs
    assert second.pk in demo_orgs
    assert len(demo_orgs) == 2
    assert Membership.objects.get(organization=first, role=MembershipRole.FOCAL_POINT).user == real
