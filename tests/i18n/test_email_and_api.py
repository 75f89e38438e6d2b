"""Emails in each recipient's language, API refusals in the caller's."""

from datetime import UTC, datetime

import pytest
from django.core import mail
from django.test import Client
from django.utils import translation

from members.enums import MembershipRole
from network.desk import services as desk
from network.platform.email import email_on_commit
from tests.factories import MembershipFactory, UserFactory


@pytest.mark.django_db
def test_notice_reaches_each_spokesperson_in_their_own_language(
    org_a, org_b, staff, django_capture_on_commit_callbacks
):
    french = MembershipFactory(
        organization=org_a, role=MembershipRole.FOCAL_POINT, user__interface_language="fr"
    ).user
    english = MembershipFactory(organization=org_b, role=MembershipRole.FOCAL_POINT).user
    # The secretariat writes in Russian: that changes no recipient's language.
    with translation.override("ru"), django_capture_on_commit_callbacks(execute=True):
        desk.notice_send(
            by=staff,
            title="Convocation of the general meeting",
            body="The network meets in Florence.",
            organizations=[org_a, org_b],
            to_all_members=False,
            acknowledge_by=datetime(2027, 3, 3, 12, tzinfo=UTC),
        )
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {french.email, english.email}

    to_french = by_address[french.email]
    assert to_french.subject == "Avis du réseau : Convocation of the general meeting"
    assert "Le secrétariat du réseau a envoyé un avis à votre organisation" in to_french.body
    assert "Choisissez comment le réseau vous écrit" in to_french.body
    assert "The network meets in Florence." in to_french.body  # the author's words stay

    to_english = by_address[english.email]
    assert to_english.subject == "Notice from the network: Convocation of the general meeting"
    assert "The network's secretariat sent your organization a notice" in to_english.body
    assert "Choose how the network emails you" in to_english.body


@pytest.mark.django_db
def test_bare_address_gets_the_site_language(django_capture_on_commit_callbacks):
    with translation.override("fr"), django_capture_on_commit_callbacks(execute=True):
        email_on_commit(
            to=["guest@example.org"],
            subject=translation.gettext_lazy("What is new in the network for you"),
            template="desk/email/notice_reminder.txt",
            context={"notice": None, "url": "http://x/"},
        )
    [message] = mail.outbox
    assert message.subject == "What is new in the network for you"
    assert "Choose how the network emails you" in message.body


@pytest.mark.django_db
@pytest.mark.parametrize(
    "language, detail",
    [
        ("en", "No such API address."),
        ("fr", "Cette adresse de l'API n'existe pas."),
        ("ru", "Такого адреса API нет."),
        ("xx", "No such API address."),
    ],
)
def test_api_error_detail_follows_accept_language(language, detail):
    response = Client().get("/api/v2/nothing", headers={"Accept-Language": language})
    assert response.status_code == 404
    assert response.json() == {"detail": detail}


@pytest.mark.django_db
def test_api_refusal_of_an_anonymous_write_is_translated():
    response = Client().post(
        "/api/v1/gaps", data={}, content_type="application/json", headers={"Accept-Language": "ru"}
    )
    assert response.status_code == 401
    assert response.json()["detail"] == "Для записи нужен личный токен API (см. страницу профиля)."


@pytest.mark.django_db
def test_api_bad_token_refusal_is_translated():
    UserFactory()
    response = Client().get(
        "/api/v1/gaps",
        headers={"Accept-Language": "fr", "Authorization": "Bearer iarn_not-a-real-token"},
    )
    assert response.status_code == 401
    assert response.json()["detail"] == "Ce jeton est inconnu ou a été révoqué."
