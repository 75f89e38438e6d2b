import factory
from factory.django import DjangoModelFactory

from projects.enums import OutputKind, ProjectRole, ProjectStatus
from projects.models import (
    JoinRequest,
    OpenRole,
    PartnerOrganization,
    ProjectMember,
    ProjectOutput,
    ResearchProject,
)
from tests.factories import OrganizationFactory, UserFactory, with_totp


class ResearchProjectFactory(DjangoModelFactory):
    class Meta:
        model = ResearchProject

    title = factory.Sequence(lambda n: f"Study of child trafficking routes {n}")
    slug = factory.Sequence(lambda n: f"study-{n}")
    summary = "Maps routes of child trafficking in South-Eastern Europe."
    countries = ["AL", "MD"]
    themes = ["patterns_flows"]
    lead_organization = factory.SubFactory(OrganizationFactory)
    status = ProjectStatus.PROPOSED
    contact_details = "Team contact: TEAM-ONLY-CANARY-CONTACT"
    internal_notes = "TEAM-ONLY-CANARY-NOTES"


class ProjectMemberFactory(DjangoModelFactory):
    class Meta:
        model = ProjectMember
        skip_postgeneration_save = True

    project = factory.SubFactory(ResearchProjectFactory)
    user = factory.SubFactory(UserFactory)
    role = ProjectRole.MEMBER

    @factory.post_generation
    def second_factor(self, create, extracted, **kwargs):
        # Leads must use two-factor authentication before anything else (members.needs_mfa).
        if create and self.role == ProjectRole.LEAD:
            with_totp(self.user)


class PartnerOrganizationFactory(DjangoModelFactory):
    class Meta:
        model = PartnerOrganization

    project = factory.SubFactory(ResearchProjectFactory)
    organization = factory.SubFactory(OrganizationFactory)


class OpenRoleFactory(DjangoModelFactory):
    class Meta:
        model = OpenRole

    project = factory.SubFactory(ResearchProjectFactory)
    title = "A researcher with Romanian, 6 months"
    skills = "Qualitative interviews with professionals"
    countries = ["RO"]
    duration = "6 months"


class JoinRequestFactory(DjangoModelFactory):
    class Meta:
        model = JoinRequest

    project = factory.SubFactory(ResearchProjectFactory)
    user = factory.SubFactory(UserFactory)
    message = "I ran the 2004 survey in Moldova."


class ProjectOutputFactory(DjangoModelFactory):
    class Meta:
        model = ProjectOutput

    project = factory.SubFactory(ResearchProjectFactory)
    kind = OutputKind.REPORT
    title = "Report on information structures"
