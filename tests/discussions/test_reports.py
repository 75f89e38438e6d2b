"""Reports of messages (issue 16 item 7): a reader reports a message once, with a reason; the
room's moderators and the secretariat — nobody else — see the report and resolve it by hiding
the message or dismissing the report; the reported person never learns who reported."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from network.discussions import services
from network.discussions.enums import ReportReason, ReportStatus, RoomVisibility
from network.discussions.models import MessageReport
from tests.factories import MembershipFactory, UserFactory
from tests.factories.discussions import (
    MessageFactory,
    RoomFactory,
    RoomMemberFactory,
    RoomModeratorFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(room):
    return RoomModeratorFactory(room=room, user=UserFactory(display_name="Mira Moderator")).user


@pytest.fixture
def message(topic, focal_b):
    return MessageFactory(topic=topic, author=focal_b, body="Offending words about a case")


def report_url(message):
    return reverse("discussions:message_report", args=[message.room.slug, message.pk])


def _report(message, reporter, reason=ReportReason.ABUSIVE, comment=""):
    return services.message_report_create(
        message=message, reporter=reporter, reason=reason, comment=comment
    )


# Reporting.


def test_report_link_by_others_messages_only(client, member_a, topic, message):
    own = MessageFactory(topic=topic, author=member_a, body="My own words")
    client.force_login(member_a)
    body = client.get(reverse("discussions:topic", args=[topic.room.slug, topic.pk])).content
    body = body.decode()
    assert f'href="{report_url(message)}"' in body
    assert f'href="{report_url(own)}"' not in body


def test_report_form_reports_with_a_flash(client, member_a, message, moderator):
    client.force_login(member_a)
    page = client.get(report_url(message)).content.decode()
    assert "Personal data of a trafficked person" in page
    assert "Offending words about a case" in page
    response = client.post(
        report_url(message), {"reason": "personal_data", "comment": "Names a child"}, follow=True
    )
    body = response.content.decode()
    assert 'role="status"' in body
    assert "Thank you: the message is reported." in body
    report = MessageReport.objects.get()
    assert (report.message, report.reporter, report.reason, report.comment, report.status) == (
        message,
        member_a,
        ReportReason.PERSONAL_DATA,
        "Names a child",
        ReportStatus.OPEN,
    )


def test_report_twice_is_refused_and_changes_nothing(client, member_a, message):
    first = _report(message, member_a, comment="first")
    client.force_login(member_a)
    assert (
        "You have already reported this message."
        in client.get(report_url(message)).content.decode()
    )
    response = client.post(report_url(message), {"reason": "spam", "comment": "again"})
    assert response.status_code == 400
    assert "You have already reported this message." in response.content.decode()
    assert list(MessageReport.objects.values_list("pk", "reason", "comment")) == [
        (first.pk, ReportReason.ABUSIVE, "first")
    ]


def test_report_other_needs_a_comment(client, member_a, message):
    client.force_login(member_a)
    response = client.post(report_url(message), {"reason": "other", "comment": " "})
    assert response.status_code == 400
    assert "when the reason is “Other”" in response.content.decode()
    assert MessageReport.objects.count() == 0


def test_report_with_an_unknown_reason_is_a_clear_error(client, member_a, message):
    client.force_login(member_a)
    response = client.post(report_url(message), {"reason": "nonsense"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert MessageReport.objects.count() == 0


def test_reporting_ones_own_message_is_refused(client, focal_b, message):
    client.force_login(focal_b)
    assert client.get(report_url(message)).status_code == 403
    assert client.post(report_url(message), {"reason": "spam"}).status_code == 403
    with pytest.raises(PermissionDenied):
        _report(message, focal_b)
    assert MessageReport.objects.count() == 0


def test_a_message_one_cannot_read_is_404(client, member_a, focal_b):
    closed = RoomFactory(slug="closed", visibility=RoomVisibility.RESTRICTED)
    RoomMemberFactory(room=closed, user=focal_b)
    secret = MessageFactory(topic=TopicFactory(room=closed), author=focal_b)
    client.force_login(member_a)
    assert client.get(report_url(secret)).status_code == 404
    assert client.post(report_url(secret), {"reason": "spam"}).status_code == 404
    with pytest.raises(PermissionDenied):
        _report(secret, member_a)
    assert MessageReport.objects.count() == 0


def test_a_hidden_message_cannot_be_reported(member_a, message, staff):
    services.message_hide(message=message, by=staff)
    with pytest.raises(ValidationError, match="no longer shown"):
        _report(message, member_a)


# Who learns of it.


def test_moderators_are_emailed_each_in_their_language(
    member_a, message, moderator, room, django_capture_on_commit_callbacks
):
    other = RoomModeratorFactory(room=room, user=UserFactory(interface_language="fr")).user
    with django_capture_on_commit_callbacks(execute=True):
        _report(message, member_a, reason=ReportReason.PERSONAL_DATA, comment="Secret comment")
    assert sorted(m.to[0] for m in mail.outbox) == sorted([moderator.email, other.email])
    by_address = {m.to[0]: m for m in mail.outbox}
    english = by_address[moderator.email]
    assert english.subject == "Urgent: a message may hold personal data of a trafficked person"
    assert "Offending words about a case" in english.body
    assert MessageReport.objects.get().get_absolute_url() in english.body
    # Neither who reported nor what they wrote travels by email.
    assert member_a.name not in english.body
    assert "Secret comment" not in english.body
    assert by_address[other.email].subject == (
        "Urgent : un message contient peut-être des données personnelles d'une personne "
        "victime de la traite"
    )
    assert "Lisez le signalement" in by_address[other.email].body


def test_the_reported_moderator_is_not_emailed_and_does_not_see_it(
    client, member_a, room, topic, moderator, django_capture_on_commit_callbacks
):
    second = RoomModeratorFactory(room=room).user
    own = MessageFactory(topic=topic, author=moderator)
    with django_capture_on_commit_callbacks(execute=True):
        report = _report(own, member_a)
    assert [m.to[0] for m in mail.outbox] == [second.email]
    client.force_login(moderator)
    assert client.get(report.get_absolute_url()).status_code == 404
    assert "Decide" not in client.get(reverse("discussions:reports")).content.decode()


def test_closed_room_excerpt_goes_only_to_moderators_who_may_read(
    member_a, focal_b, django_capture_on_commit_callbacks
):
    closed = RoomFactory(slug="closed", visibility=RoomVisibility.RESTRICTED)
    RoomMemberFactory(room=closed, user=focal_b)
    RoomMemberFactory(room=closed, user=member_a)
    inactive = RoomModeratorFactory(room=closed, user=UserFactory(is_active=False)).user
    reader = RoomModeratorFactory(room=closed).user
    secret = MessageFactory(topic=TopicFactory(room=closed), author=focal_b, body="Closed text")
    with django_capture_on_commit_callbacks(execute=True):
        _report(secret, member_a)
    assert [m.to[0] for m in mail.outbox] == [reader.email]
    assert inactive.email not in [m.to[0] for m in mail.outbox]


def test_moderation_page_lists_reports_for_moderator_and_staff_only(
    client, member_a, message, moderator, staff, plain_user
):
    _report(message, member_a, comment="Really bad")
    other_room_moderator = RoomModeratorFactory(room=RoomFactory(slug="elsewhere")).user
    url = reverse("discussions:reports")
    for person in (moderator, staff):
        client.force_login(person)
        body = client.get(url).content.decode()
        assert "Offending words about a case" in body
        assert "Abusive" in body
    client.force_login(other_room_moderator)
    body = client.get(url).content.decode()
    assert "Offending words" not in body
    assert "No report is waiting." in body
    for person in (member_a, plain_user):
        client.force_login(person)
        assert client.get(url).status_code == 403


def test_report_page_is_invisible_to_others(
    client, member_a, focal_b, message, moderator, staff, plain_user
):
    report = _report(message, member_a, comment="Really bad")
    other_room_moderator = RoomModeratorFactory(room=RoomFactory(slug="elsewhere")).user
    client.force_login(moderator)
    body = client.get(report.get_absolute_url()).content.decode()
    assert "Really bad" in body
    assert member_a.name in body
    # Not the reporter, not the reported person, not a moderator of another room.
    for person in (member_a, focal_b, other_room_moderator, plain_user):
        client.force_login(person)
        assert client.get(report.get_absolute_url()).status_code == 404
        assert client.post(report.get_absolute_url(), {"decision": "hide"}).status_code == 404
    message.refresh_from_db()
    assert message.hidden is False
    assert MessageReport.objects.get().status == ReportStatus.OPEN


# Resolving.


def test_resolve_by_hiding_hides_the_message_for_members(
    client, member_a, alternate_a, message, moderator, topic
):
    first = _report(message, member_a)
    second = _report(message, alternate_a, reason=ReportReason.SPAM)
    client.force_login(moderator)
    response = client.post(
        first.get_absolute_url(), {"decision": "hide", "note": "Names a case"}, follow=True
    )
    assert "The message is hidden; its reports are resolved." in response.content.decode()
    message.refresh_from_db()
    assert (message.hidden, message.hidden_by, message.hidden_reason) == (
        True,
        moderator,
        "Names a case",
    )
    for report in (first, second):
        report.refresh_from_db()
        assert (report.status, report.resolved_by, report.resolution_note) == (
            ReportStatus.HIDDEN,
            moderator,
            "Names a case",
        )
        assert report.resolved_at is not None
    client.force_login(member_a)
    page = client.get(reverse("discussions:topic", args=[topic.room.slug, topic.pk]))
    assert "Offending words about a case" not in page.content.decode()


def test_resolve_by_dismissing_keeps_the_message(client, member_a, message, staff):
    report = _report(message, member_a)
    client.force_login(staff)
    client.post(report.get_absolute_url(), {"decision": "dismiss"})
    report.refresh_from_db()
    message.refresh_from_db()
    assert (report.status, report.resolved_by, message.hidden) == (
        ReportStatus.DISMISSED,
        staff,
        False,
    )
    # A resolved report cannot be resolved again.
    with pytest.raises(ValidationError, match="already resolved"):
        services.message_report_resolve(report=report, by=staff, hide=True)
    message.refresh_from_db()
    assert message.hidden is False


def test_resolve_with_no_decision_is_a_clear_error(client, member_a, message, moderator):
    report = _report(message, member_a)
    client.force_login(moderator)
    response = client.post(report.get_absolute_url(), {"decision": "burn"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.OPEN


def test_hiding_a_message_directly_resolves_its_reports(member_a, message, moderator):
    report = _report(message, member_a)
    services.message_hide(message=message, by=moderator, reason="Seen in the room")
    report.refresh_from_db()
    assert (report.status, report.resolved_by) == (ReportStatus.HIDDEN, moderator)


# The desk and the dashboard.


def test_desk_shows_open_reports_to_the_moderator_only(client, member_a, message, moderator):
    from network.desk.selectors import desk_for

    report = _report(message, member_a)

    def urls(person):
        return [item.url for section in desk_for(person) for item in section.items]

    assert report.get_absolute_url() in urls(moderator)
    assert report.get_absolute_url() not in urls(member_a)
    services.message_report_resolve(report=report, by=moderator, hide=False)
    assert report.get_absolute_url() not in urls(moderator)


def test_desk_count_in_the_header_follows_reports(client, member_a, message, moderator):
    client.force_login(moderator)
    assert "Desk 0" in client.get("/members/").content.decode()
    report = _report(message, member_a)
    assert "Desk 1" in client.get("/members/").content.decode()
    services.message_report_resolve(report=report, by=moderator, hide=True)
    assert "Desk 0" in client.get("/members/").content.decode()


def test_dashboard_panel_shows_reports_to_staff(client, member_a, message, staff, moderator):
    _report(message, member_a, reason=ReportReason.PERSONAL_DATA)
    client.force_login(staff)
    body = client.get("/admin/").content.decode()
    assert "Moderation reports" in body
    assert "Offending words about a case" in body
    assert "Personal data of a trafficked person, reported" in body
    assert reverse("discussions:reports") in body
    client.force_login(moderator)
    body = client.get("/admin/").content.decode()
    assert "Offending words about a case" not in body


def test_dashboard_panel_empty_state(client, staff):
    client.force_login(staff)
    body = client.get("/admin/").content.decode()
    assert "No message is waiting for a moderator&#x27;s decision." in body


def _reports(count, topic, organization):
    for n in range(count):
        message = MessageFactory(topic=topic, author=UserFactory(), body=f"Reported {n}")
        reporter = MembershipFactory(organization=organization).user
        _report(message, reporter, comment=f"comment {n}")


def _count(client, url):
    client.get(url)  # warm the caches a first request fills (versions, the menu)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_query_counts_do_not_grow_with_reports(client, staff, org_a, topic, moderator):
    client.force_login(moderator)
    from network.desk.selectors import desk_for

    _reports(1, topic, org_a)
    small = (_count(client, reverse("discussions:reports")),)
    with CaptureQueriesContext(connection) as desk_small:
        desk_for(moderator)
    client.force_login(staff)
    small += (_count(client, "/admin/"),)
    _reports(29, topic, org_a)
    client.force_login(moderator)
    large = (_count(client, reverse("discussions:reports")),)
    with CaptureQueriesContext(connection) as desk_large:
        desk_for(moderator)
    client.force_login(staff)
    large += (_count(client, "/admin/"),)
    assert large == small
    assert len(desk_large) == len(desk_small)
