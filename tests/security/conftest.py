"""The world of tests/security/world.py, built once per module inside a transaction that is
rolled back when the module ends; each test still runs in a savepoint of its own."""

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client

from members.services import token_create
from tests.security import world as world_module


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        w = world_module.build()
        w.sessions, w.tokens = {}, {}
        for role, user in w.users.items():
            client = Client()
            client.force_login(user)
            w.sessions[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
            w.tokens[role] = token_create(user=user, name="matrix")[1]
        yield w
        transaction.set_rollback(True)
