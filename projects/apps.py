from django.apps import AppConfig
from django.db.models import Exists
from django.utils.translation import gettext_lazy


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = gettext_lazy("Research projects")

    def ready(self):
        from django.utils.translation import gettext_lazy as _

        from members.rules import register_privileged_role
        from members.selectors import register_person_involvement

        from .enums import ProjectRole
        from .models import ProjectMember
        from .selectors import projects_of_people

        # A project lead decides who sees a restricted project: a second factor is required.
        register_privileged_role(
            exists=lambda user: Exists(
                ProjectMember.objects.filter(user=user, role=ProjectRole.LEAD)
            ),
            changed_by=[ProjectMember],
        )
        # The people directory lists the projects each person is in, as its viewer may see them.
        register_person_involvement("projects", label=_("Projects"), fetch=projects_of_people)

        from network.desk.registry import register

        from .selectors import desk_items

        register("projects", desk_items, apps=("projects",))
