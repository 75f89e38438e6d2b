"""Dates read as each interface language writes them (network/formats/): the month is not an
English abbreviation title-cased into another language ("Déc", "Дек")."""

from datetime import UTC, datetime

import pytest
from django.conf import settings
from django.test import Client

from tests.factories.desk import NoticeFactory

DUE = datetime(2026, 12, 20, 15, 30, tzinfo=UTC)
SENT = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "sent", "due", "wrong"),
    [
        ("en", "1 Dec 2026", "20 Dec 2026 15:30 UTC", "Dec. 20"),
        ("fr", "1 décembre 2026", "20 décembre 2026 15:30 UTC", "Déc 2026"),
        ("ru", "1 декабря 2026", "20 декабря 2026 15:30 UTC", "Дек 2026"),
    ],
)
def test_notice_dates_in_each_language(language, sent, due, wrong):
    notice = NoticeFactory(is_public=True, sent_at=SENT, acknowledge_by=DUE)
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get(notice.get_absolute_url()).content.decode()
    assert sent in page
    assert due in page
    assert wrong not in page
