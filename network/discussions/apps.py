from django.apps import AppConfig
from django.db.models import Exists


class DiscussionsConfig(AppConfig):
    name = "network.discussions"
    label = "discussions"
    verbose_name = "Discussions"

    def ready(self):
        from members.rules import register_privileged_role

        from .models import RoomModerator

        # A moderator hides messages and mutes people: a second factor is required.
        register_privileged_role(
            exists=lambda user: Exists(RoomModerator.objects.filter(user=user)),
            changed_by=[RoomModerator],
        )

        from network.desk.registry import register

        from .selectors import desk_done, desk_items

        # Open reports wait on the desk of each person who may handle them: the reports and
        # the rooms (and topics moving between them) they moderate, alone or as the convener
        # of a group; messages, written far more often, change no desk.
        register(
            "discussions",
            desk_items,
            apps=(
                "discussions.MessageReport",
                "discussions.Room",
                "discussions.RoomModerator",
                "discussions.Topic",
                "groups",
            ),
            done_for=desk_done,
        )

        from datetime import timedelta

        from network.platform import periodic

        from .tasks import send_mention_digest

        # A digest: at most one email a day per person, of the mentions still unread.
        periodic.register("send_mention_digest", task=send_mention_digest, every=timedelta(days=1))

        # Sockets outlive the request that opened them: when access is taken away anywhere
        # (deactivation, logout, an organization leaving the network, a membership ending, a
        # room changing), the sockets concerned re-check it at once.
        from django.contrib.auth.signals import user_logged_out
        from django.db.models.signals import post_delete, post_save

        from members.models import Membership, Organization, User

        from . import events
        from .models import Room

        post_save.connect(events.user_saved, sender=User, dispatch_uid="discussions.user")
        post_save.connect(
            events.organization_saved, sender=Organization, dispatch_uid="discussions.org"
        )
        post_delete.connect(
            events.membership_deleted, sender=Membership, dispatch_uid="discussions.membership"
        )
        post_save.connect(events.room_saved, sender=Room, dispatch_uid="discussions.room")
        post_delete.connect(events.room_deleted, sender=Room, dispatch_uid="discussions.room_del")
        user_logged_out.connect(events.user_logged_out, dispatch_uid="discussions.logout")
