"""The desk: what the network asks of the organizations a person speaks for, and of the person.

Floor 2, beside discussions: machinery that the instruments fill in. The desk imports only
members and the platform; each instrument registers its own item kinds in its AppConfig.ready()
through network.desk.registry, so the desk never learns about an app above it by importing it.
"""

from django.apps import AppConfig


class DeskConfig(AppConfig):
    name = "network.desk"
    label = "desk"
    verbose_name = "Desk"

    def ready(self):
        from .kinds import membership_done, membership_items
        from .registry import register
        from .selectors import notice_done, notice_items

        # Requests and invitations; profile edits, the commonest write to members, change no
        # desk (the organizations a person speaks for are followed for every kind).
        register(
            "members",
            membership_items,
            apps=("members.MembershipRequest", "members.Invitation"),
            done_for=membership_done,
        )
        register("notices", notice_items, apps=("desk",), done_for=notice_done)
