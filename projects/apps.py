from django.apps import AppConfig
from django.db.models import Exists


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = "Research projects"

    def ready(self):
        from members.rules import register_privileged_role

        from .enums import ProjectRole
        from .models import ProjectMember

        # A project lead decides who sees a restricted project: a second factor is required.
        register_privileged_role(
            exists=lambda user: Exists(
                ProjectMember.objects.filter(user=user, role=ProjectRole.LEAD)
            ),
            changed_by=[ProjectMember],
        )
