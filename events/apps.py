from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from network.desk.registry import register

        from .selectors import (
            desk_items,
            organization_approval_desk_done,
            organization_approval_desk_items,
        )

        register("events", desk_items, apps=("events",))
        register(
            "event_organization_approvals",
            organization_approval_desk_items,
            apps=("events",),
            done_for=organization_approval_desk_done,
        )

        from datetime import timedelta

        from network.platform import periodic

        from .tasks import close_minutes_signoff_periods, send_event_reminders

        # Reminders go to events starting within a day; hourly keeps each one about a day
        # ahead, and a reminded registration is never reminded again.
        periodic.register(
            "send_event_reminders", task=send_event_reminders, every=timedelta(hours=1)
        )
        # A sign-off period ends at the minute it was given; within the hour is close enough.
        periodic.register(
            "close_minutes_signoff_periods",
            task=close_minutes_signoff_periods,
            every=timedelta(hours=1),
        )

        # An event or a session leaves no room behind. Both are deleted by Wagtail, never by a
        # service of ours (modelcluster drops the sessions removed from a page when it is
        # published; deleting a page takes its sessions with it), so the delete signal is the
        # one place that sees it. The room is archived in the deletion's own transaction.
        from django.db.models.signals import post_delete

        from . import routes
        from .models import EventIndexPage, EventPage, Session

        EventIndexPage.subpage_urls = routes.INDEX
        EventPage.subpage_urls = routes.EVENT

        for model in (EventPage, Session):
            post_delete.connect(
                _owner_deleted, sender=model, dispatch_uid=f"events.{model.__name__}_room"
            )


def _owner_deleted(sender, instance, **kwargs):
    from network.discussions.services import room_target_deleted

    room_target_deleted(target=instance)
