"""Formal notices: sending, acknowledging once per organization, reminders, the desk."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from network.desk import services
from network.desk.models import Notice, NoticeAcknowledgement
from tests.factories import OrganizationFactory
from tests.factories.desk import NoticeFactory

pytestmark = pytest.mark.django_db


def test_notice_send_emails_every_spokesperson(
    staff, org_a, focal_a, alternate_a, member_a, org_b, focal_b, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notice = services.notice_send(
            by=staff,
            title="New rules",
            body="Read *these*.",
            organizations=[org_a],
            to_all_members=False,
            acknowledge_by=timezone.now() + timedelta(days=7),
        )
    assert list(notice.recipients.all()) == [org_a]
    assert sorted(m.to[0] for m in mail.outbox) == sorted([focal_a.email, alternate_a.email])


def test_notice_send_without_recipients_refused(staff):
    with pytest.raises(ValidationError):
        services.notice_send(
            by=staff,
            title="Nobody",
            body="…",
            organizations=[],
            to_all_members=False,
            acknowledge_by=timezone.now() + timedelta(days=7),
        )
    assert Notice.objects.count() == 0


def test_notice_new_page_without_recipients_shows_message(client, staff):
    client.force_login(staff)
    response = client.post(
        "/notices/new/",
        {"title": "T", "body": "B", "acknowledge_by": "2030-01-01T10:00"},
    )
    assert response.status_code == 200
    assert "Choose at least one member organization" in response.content.decode()
    assert Notice.objects.count() == 0


def test_notice_new_refused_to_non_staff(client, focal_a):
    client.force_login(focal_a)
    assert client.get("/notices/new/").status_code == 403


def test_acknowledge_from_page_then_twice_is_refused(client, org_a, focal_a, alternate_a, org_b):
    notice = NoticeFactory(recipients=[org_a, org_b])
    client.force_login(focal_a)
    client.post(f"/notices/{notice.pk}/", {"organization": org_a.pk, "comment": "Noted"})
    ack = NoticeAcknowledgement.objects.get()
    assert (ack.organization, ack.by, ack.comment, ack.is_late) == (org_a, focal_a, "Noted", False)
    page = client.get(f"/notices/{notice.pk}/").content.decode()
    assert "1 of 2 organizations acknowledged" in page
    with pytest.raises(ValidationError, match="already acknowledged"):
        services.notice_acknowledge(notice=notice, organization=org_a, by=alternate_a)
    assert NoticeAcknowledgement.objects.count() == 1


def test_acknowledge_by_member_or_superuser_refused(org_a, member_a, staff):
    notice = NoticeFactory(recipients=[org_a])
    for person in (member_a, staff):
        with pytest.raises(PermissionDenied):
            services.notice_acknowledge(notice=notice, organization=org_a, by=person)
    assert NoticeAcknowledgement.objects.count() == 0


def test_acknowledge_for_organization_not_addressed_refused(org_a, org_b, focal_b):
    notice = NoticeFactory(recipients=[org_a])
    with pytest.raises(PermissionDenied):
        services.notice_acknowledge(notice=notice, organization=org_b, by=focal_b)


def test_acknowledge_after_deadline_is_late(org_a, focal_a):
    notice = NoticeFactory(recipients=[org_a], acknowledge_by=timezone.now() - timedelta(days=1))
    ack = services.notice_acknowledge(notice=notice, organization=org_a, by=focal_a)
    assert ack.is_late


def test_remind_emails_only_those_who_have_not_acknowledged(
    staff, org_a, focal_a, org_b, focal_b, client, django_capture_on_commit_callbacks
):
    notice = NoticeFactory(recipients=[org_a, org_b])
    services.notice_acknowledge(notice=notice, organization=org_a, by=focal_a)
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/notices/{notice.pk}/remind/")
    assert [m.to for m in mail.outbox] == [[focal_b.email]]
    assert notice.title in mail.outbox[0].subject


def test_notice_on_desk_until_acknowledged(client, org_a, focal_a):
    notice = NoticeFactory(title="Call for votes", recipients=[org_a])
    client.force_login(focal_a)
    assert "Call for votes" in client.get("/desk/").content.decode()
    services.notice_acknowledge(notice=notice, organization=org_a, by=focal_a)
    open_part, done_part = client.get("/desk/").content.decode().split('id="desk-done-heading"')
    assert "Call for votes" not in open_part
    assert "Call for votes" in done_part


def test_members_only_notice_hidden_from_outsiders(client, org_a, plain_user):
    notice = NoticeFactory(recipients=[org_a], body="Secret **agenda**")
    assert client.get(f"/notices/{notice.pk}/").status_code == 404
    client.force_login(plain_user)
    assert client.get(f"/notices/{notice.pk}/").status_code == 404
    assert notice.title not in client.get("/notices/").content.decode()


def test_public_notice_readable_by_anyone(client):
    notice = NoticeFactory(recipients=[OrganizationFactory()], is_public=True)
    page = client.get(f"/notices/{notice.pk}/").content.decode()
    assert "<strong>Florence</strong>" in page
    assert "0 of 1 organizations acknowledged" in page


def test_acknowledge_button_on_desk_posts_for_the_organization(client, org_a, focal_a):
    notice = NoticeFactory(title="Meeting dates", recipients=[org_a])
    client.force_login(focal_a)
    page = client.get("/desk/").content.decode()
    assert f'action="/notices/{notice.pk}/"' in page
    assert f'name="organization" value="{org_a.pk}"' in page
    response = client.post(f"/notices/{notice.pk}/", {"organization": org_a.pk}, follow=True)
    assert "Acknowledged for your organization." in response.content.decode()
    assert NoticeAcknowledgement.objects.filter(notice=notice, organization=org_a).exists()


def test_acknowledge_for_another_organization_from_the_page_changes_nothing(
    client, org_a, focal_a, org_b
):
    notice = NoticeFactory(recipients=[org_a, org_b])
    client.force_login(focal_a)
    response = client.post(f"/notices/{notice.pk}/", {"organization": org_b.pk})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not NoticeAcknowledgement.objects.exists()
