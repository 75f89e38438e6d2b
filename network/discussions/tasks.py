from collections import defaultdict

from django.conf import settings
from django.utils import timezone
from django.utils.translation import ngettext
from django_tasks import task

from network.platform.email import email_on_commit

from .enums import NotificationKind
from .models import Notification


@task()
def send_mention_digest() -> int:
    """Email each person one digest of the mentions they have neither read nor been mailed.

    Returns the number of emails sent. A notification is mailed at most once.
    """
    pending = (
        Notification.objects.filter(
            kind=NotificationKind.MENTION,
            read_at__isnull=True,
            emailed_at__isnull=True,
            message__hidden=False,
            message__deleted_at__isnull=True,
            user__is_active=True,
        )
        .select_related("user", "message__author", "message__room", "message__topic")
        .order_by("user_id", "pk")
    )
    by_user = defaultdict(list)
    for notice in pending:
        # Mailed later than it was made: the person may have left the room since.
        if notice.user.has_perm("discussions.view_room", notice.message.room):
            by_user[notice.user].append(notice)
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    mailed = 0
    for user, notices in by_user.items():
        count = len(notices)
        # Sent only to those who want each item as it happens (the others' email preference
        # holds the mentions for their digest, network.digests, or keeps them on the site).
        sent = email_on_commit(
            to=[user],
            subject=lambda recipient, count=count: (
                ngettext(
                    "You were mentioned %(count)s time in discussions",
                    "You were mentioned %(count)s times in discussions",
                    count,
                )
                % {"count": count}
            ),
            template="discussions/email/mention_digest.txt",
            context={"user": user, "notices": notices, "base_url": base},
        )
        if not sent:
            continue
        Notification.objects.filter(pk__in=[n.pk for n in notices]).update(
            emailed_at=timezone.now()
        )
        mailed += 1
    return mailed
