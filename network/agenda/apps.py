from django.apps import AppConfig


class AgendaConfig(AppConfig):
    name = "network.agenda"
    label = "agenda"
    verbose_name = "Research agenda"

    def ready(self):
        from datetime import timedelta

        from network.platform import periodic

        from .tasks import close_due_votes

        # Every minute: a vote past its window shows as closing until this runs.
        periodic.register("close_due_votes", task=close_due_votes, every=timedelta(minutes=1))

        from network.desk.registry import register

        from .selectors import desk_done, desk_items

        # The priorities, votes and endorsements it reads; support, written far more often,
        # changes no desk.
        register(
            "agenda",
            desk_items,
            apps=("agenda.ResearchPriority", "agenda.Vote", "agenda.Endorsement"),
            done_for=desk_done,
        )
