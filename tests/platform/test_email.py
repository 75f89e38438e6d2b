"""email_on_commit: one message per recipient, nothing sent on rollback, and no email names a
person its recipient may not see (members.view_person, the rule the pages follow)."""

import pytest
from django.core import mail
from django.db import transaction

from events import services as event_services
from members import services as member_services
from members.enums import MembershipRole, OrganizationKind
from network.discussions import services as discussion_services
from network.discussions.tasks import send_mention_digest
from network.platform.email import email_on_commit
from projects import services as project_services
from projects.enums import ProjectRole, ProjectStatus
from projects.models import ProjectNotification
from tests.factories import MembershipFactory, UserFactory, with_totp
from tests.factories.discussions import RoomFactory, TopicFactory
from tests.factories.events import EventPageFactory, RegistrationFactory
from tests.factories.projects import ProjectMemberFactory, ResearchProjectFactory

HIDDEN_NAME = "Hannah Hiddenfield"
HIDDEN_EMAIL = "hannah.hiddenfield@example.org"
UNNAMED = "Someone who keeps their profile private"


@pytest.fixture
def hidden(db):
    return UserFactory(display_name=HIDDEN_NAME, email=HIDDEN_EMAIL, visibility="hidden")


def _text(email):
    """Everything a recipient reads: addresses, subject, body and any extra header."""
    return "\n".join(
        [
            *email.to,
            *email.cc,
            *email.bcc,
            *email.reply_to,
            email.subject,
            email.body,
            *map(str, email.extra_headers.values()),
        ]
    )


def _project(org, *leads):
    project = ResearchProjectFactory(
        title="Routes of trafficked children",
        lead_organization=org,
        status=ProjectStatus.RECRUITING,
    )
    for lead in leads:
        ProjectMemberFactory(project=project, user=with_totp(lead), role=ProjectRole.LEAD)
    return project


# --- One message per recipient ----------------------------------------------------------------


def test_notification_to_three_leads_sends_three_private_messages(
    org_a, focal_a, member_a, hidden, django_capture_on_commit_callbacks
):
    MembershipFactory(organization=org_a, user=hidden)
    project = _project(org_a, focal_a, member_a, hidden)
    applicant = MembershipFactory(organization=org_a).user

    with django_capture_on_commit_callbacks(execute=True):
        project_services.join_request_create(project=project, user=applicant)

    assert sorted(email.to for email in mail.outbox) == sorted(
        [[focal_a.email], [member_a.email], [HIDDEN_EMAIL]]
    )
    for email in mail.outbox:
        assert (email.cc, email.bcc) == ([], [])
    others = [email for email in mail.outbox if email.to != [HIDDEN_EMAIL]]
    assert len(others) == 2
    for email in others:
        assert HIDDEN_EMAIL not in _text(email)
        assert HIDDEN_NAME not in _text(email)


def test_email_on_commit_skips_blank_inactive_and_repeated_addresses(
    member_a, django_capture_on_commit_callbacks
):
    inactive = UserFactory(is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        queued = email_on_commit(
            to=[member_a, "", inactive, member_a.email.upper(), "guest@example.org"],
            subject="Your request to join Agency A",
            template="members/email/membership_decided.txt",
            context={"organization": member_a.memberships.get().organization, "approved": True},
        )

    assert queued == 2
    assert [email.to for email in mail.outbox] == [[member_a.email], ["guest@example.org"]]
    assert [email.subject for email in mail.outbox] == ["Your request to join Agency A"] * 2


def test_email_on_commit_sends_nothing_when_the_write_rolls_back(
    member_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                email_on_commit(
                    to=[member_a],
                    subject="Your request to join Agency A",
                    template="members/email/membership_decided.txt",
                    context={"organization": None, "approved": True},
                )
                raise RuntimeError("the write failed")
        except RuntimeError:
            pass

    assert mail.outbox == []


# --- No email names a hidden person -------------------------------------------------------------
# Each scenario has the hidden person act, and returns the words that stand in for their name.


def _join_request(hidden, org_a, focal_a, org_b, focal_b, staff):
    MembershipFactory(organization=org_b, user=hidden)
    project_services.join_request_create(project=_project(org_a, focal_a), user=hidden)
    return f'{UNNAMED} asks to join "Routes of trafficked children".'


def _membership_request(hidden, org_a, focal_a, org_b, focal_b, staff):
    member_services.membership_request_create(user=hidden, organization=org_a, message="Hello")
    return f"{UNNAMED} asks to join Agency A."


def _application(hidden, org_a, focal_a, org_b, focal_b, staff):
    member_services.organization_apply(
        user=hidden,
        name="Centre for Child Data Research",
        kind=OrganizationKind.RESEARCH,
        mandate="Child data.",
    )
    return f"{UNNAMED} has applied to register Centre for Child Data Research"


def _invitation(hidden, org_a, focal_a, org_b, focal_b, staff):
    MembershipFactory(organization=org_a, user=hidden, role=MembershipRole.ALTERNATE)
    member_services.invitation_create(organization=org_a, email="new@example.org", by=hidden)
    return "You are invited to join Agency A on the Inter Agency Research Network."


def _partner_invitation(hidden, org_a, focal_a, org_b, focal_b, staff):
    MembershipFactory(organization=org_a, user=hidden)
    project = _project(org_a, hidden)
    project_services.partner_invite(project=project, by=hidden, organization=org_b)
    return 'The project\'s leads invite Agency B to take part in "Routes of trafficked children"'


def _event_message(hidden, org_a, focal_a, org_b, focal_b, staff):
    event = EventPageFactory(title="Oslo meeting")
    RegistrationFactory(event=event, organization=org_a, user=focal_a)
    event_services.event_email_participants(
        event=event, subject="Room change", body="We meet in room 2.", by=hidden
    )
    return '— The organizers of "Oslo meeting"'


def _mention(hidden, org_a, focal_a, org_b, focal_b, staff):
    MembershipFactory(organization=org_b, user=hidden)
    topic = TopicFactory(room=RoomFactory(title="Data gaps"), title="Welcome")
    discussion_services.message_post(
        room=topic.room, author=hidden, topic=topic, body=f"@{focal_a.name} have a look"
    )
    send_mention_digest.call()
    return f"- {UNNAMED} in Data gaps \u203a Welcome"


@pytest.mark.parametrize(
    "scenario",
    [
        _join_request,
        _membership_request,
        _application,
        _invitation,
        _partner_invitation,
        _event_message,
        _mention,
    ],
)
def test_email_names_no_hidden_person(
    scenario, hidden, org_a, focal_a, org_b, focal_b, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        stand_in = scenario(hidden, org_a, focal_a, org_b, focal_b, staff)

    told = [email for email in mail.outbox if email.to != [HIDDEN_EMAIL]]
    assert len(told) == 1, [email.subject for email in mail.outbox]
    assert stand_in in told[0].body
    assert HIDDEN_NAME not in _text(told[0])
    assert HIDDEN_EMAIL not in _text(told[0])


def test_join_request_from_hidden_person_names_them_in_no_subject_or_notice(
    org_a, focal_a, org_b, hidden, django_capture_on_commit_callbacks
):
    MembershipFactory(organization=org_b, user=hidden)
    project = _project(org_a, focal_a)
    with django_capture_on_commit_callbacks(execute=True):
        project_services.join_request_create(project=project, user=hidden)

    [email] = mail.outbox
    assert email.subject == f"{UNNAMED} asks to join Routes of trafficked children"
    assert list(ProjectNotification.objects.values_list("user", "text")) == [
        (focal_a.pk, f"{UNNAMED} asks to join Routes of trafficked children")
    ]


def test_join_request_from_visible_person_names_them(
    org_a, focal_a, org_b, focal_b, django_capture_on_commit_callbacks
):
    project = _project(org_a, focal_a)
    with django_capture_on_commit_callbacks(execute=True):
        project_services.join_request_create(project=project, user=focal_b)

    [email] = mail.outbox
    assert email.subject == f"{focal_b.name} asks to join Routes of trafficked children"
    assert f'{focal_b.name} asks to join "Routes of trafficked children".' in email.body


def test_plain_text_email_keeps_apostrophes_and_ampersands(db, django_capture_on_commit_callbacks):
    """Emails are plain text: nothing is HTML-escaped (O'Brien, not O&#x27;Brien)."""
    focal = MembershipFactory(role=MembershipRole.FOCAL_POINT)
    asker = UserFactory(display_name="Siobhan O'Brien", visibility="public")
    with django_capture_on_commit_callbacks(execute=True):
        member_services.membership_request_create(
            user=asker, organization=focal.organization, message="Data & methods <team>"
        )
    (email,) = mail.outbox
    assert "Siobhan O'Brien" in email.body
    assert "Data & methods <team>" in email.body
    assert "&#x27;" not in email.body and "&amp;" not in email.body
