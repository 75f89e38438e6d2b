"""Join requests reach the conveners' focal points and alternates, one email each in their
language, and the asking organization's spokespeople learn the answer; people who chose a
digest read the request there instead."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from members.enums import MembershipRole
from network.digests.tasks import send_digests
from network.groups import services
from network.groups.models import GroupMembership
from network.platform.models import EmailFrequency, EmailPreference
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def alternate_fr(org_a):
    return MembershipFactory(
        organization=org_a, role=MembershipRole.ALTERNATE, user__interface_language="fr"
    ).user


def _ask(group, focal_b, org_b, callbacks):
    with callbacks(execute=True):
        return services.group_join_request(
            group=group, organization=org_b, by=focal_b, note="We map routes too."
        )


def test_a_request_emails_each_convener_spokesperson_once_in_their_language(
    group, focal_a, alternate_fr, member_a, focal_b, org_b, django_capture_on_commit_callbacks
):
    _ask(group, focal_b, org_b, django_capture_on_commit_callbacks)
    by_address = {email.to[0]: email for email in mail.outbox}
    # Focal point and alternate of the convener, one message each; not its other people.
    assert sorted(by_address) == sorted([focal_a.email, alternate_fr.email])
    english = by_address[focal_a.email]
    assert english.subject == "Agency B asks to join “Indicators”"
    assert "Agency B asks to join the working group “Indicators”" in english.body
    assert "We map routes too." in english.body
    assert "/groups/indicators/#requests" in english.body
    assert "/email/unsubscribe/" in english.body
    french = by_address[alternate_fr.email]
    assert french.subject == "Agency B demande à rejoindre « Indicators »"
    assert "Agency B demande à rejoindre le groupe de travail « Indicators »" in french.body


def test_the_answer_reaches_the_asking_organizations_spokespeople(
    group, focal_a, focal_b, org_b, django_capture_on_commit_callbacks
):
    membership = _ask(group, focal_b, org_b, django_capture_on_commit_callbacks)
    alternate_b = MembershipFactory(organization=org_b, role=MembershipRole.ALTERNATE).user
    MembershipFactory(organization=org_b)  # a member who does not speak for Agency B
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.group_join_decide(membership=membership, by=focal_a, accept=True)
    assert sorted(email.to[0] for email in mail.outbox) == sorted(
        [focal_b.email, alternate_b.email]
    )
    assert mail.outbox[0].subject == "Your request to join “Indicators”: accepted"
    assert "Agency B is now a member of the working group “Indicators”" in mail.outbox[0].body


def test_a_declined_request_and_a_closed_group_say_declined(
    group, focal_a, focal_b, org_b, org_c, focal_c, staff, django_capture_on_commit_callbacks
):
    membership = _ask(group, focal_b, org_b, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.group_join_decide(membership=membership, by=focal_a, accept=False)
    assert [(e.to[0], e.subject) for e in mail.outbox] == [
        (focal_b.email, "Your request to join “Indicators”: declined")
    ]
    with django_capture_on_commit_callbacks(execute=True):
        services.group_join_request(group=group, organization=org_c, by=focal_c)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.group_close(group=group, by=staff)
    assert [(e.to[0], e.subject) for e in mail.outbox] == [
        (focal_c.email, "Your request to join “Indicators”: declined")
    ]
    assert "was declined" in mail.outbox[0].body


def test_a_refused_request_emails_nobody(
    group, member_a, org_b, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(PermissionDenied):
        services.group_join_request(group=group, organization=org_b, by=member_a)
    assert mail.outbox == []
    assert not GroupMembership.objects.filter(organization=org_b).exists()


def test_a_convener_who_chose_a_digest_reads_the_request_there(
    group, focal_a, focal_b, org_b, django_capture_on_commit_callbacks
):
    EmailPreference.objects.create(address=focal_a.email.lower(), frequency=EmailFrequency.DAILY)
    _ask(group, focal_b, org_b, django_capture_on_commit_callbacks)
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        assert send_digests(frequency=EmailFrequency.DAILY, period=timedelta(days=1)) == 1
    (digest,) = mail.outbox
    assert digest.to == [focal_a.email]
    assert "Agency B asks to join “Indicators”" in digest.body
