from datetime import timedelta

from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from members.models import User
from network.discussions.models import Notification
from network.platform.email import email_on_commit
from network.platform.models import EmailFrequency, EmailPreference
from network.platform.services import absolute_url

from .selectors import digest_for


def send_digests(*, frequency, period, now=None) -> int:
    """Email everyone who chose `frequency` one digest of what is new since their last one
    (or since one `period` ago), only if there is something to say. Returns emails sent."""
    now = now or timezone.now()
    preferences = {
        preference.address: preference
        for preference in EmailPreference.objects.filter(frequency=frequency)
    }
    people = User.objects.annotate(address=Lower("email")).filter(
        address__in=list(preferences), is_active=True
    )
    sent = 0
    for user in people.order_by("pk"):
        preference = preferences[user.address]
        digest = digest_for(
            user,
            since=preference.last_digest_at or now - period,
            seen=preference.digested_items,
            now=now,
        )
        with transaction.atomic():
            if digest:
                sent += email_on_commit(
                    to=[user],
                    subject=_("What is new in the network for you"),
                    template="digests/email/digest.txt",
                    context={
                        "user": user,
                        "digest": digest,
                        "base_url": absolute_url(""),
                        "weekly": frequency == EmailFrequency.WEEKLY,
                    },
                    digest=True,
                )
                Notification.objects.filter(pk__in=[n.pk for n in digest.mentions]).update(
                    emailed_at=now
                )
            preference.last_digest_at = now
            preference.digested_items = digest.desk_keys
            preference.save(update_fields=["last_digest_at", "digested_items", "updated_at"])
    return sent


@task()
def send_daily_digests() -> int:
    return send_digests(frequency=EmailFrequency.DAILY, period=timedelta(days=1))


@task()
def send_weekly_digests() -> int:
    return send_digests(frequency=EmailFrequency.WEEKLY, period=timedelta(days=7))
