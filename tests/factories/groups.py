import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from network.groups.enums import GroupStatus, MembershipStatus
from network.groups.models import GroupMembership, WorkingGroup


class WorkingGroupFactory(DjangoModelFactory):
    """An active group; `conveners=[org, …]` convene it and, with `organizations=[…]`, are its
    member organizations."""

    class Meta:
        model = WorkingGroup
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Working group {n}")
    slug = factory.Sequence(lambda n: f"group-{n}")
    status = GroupStatus.ACTIVE

    @factory.post_generation
    def conveners(self, create, extracted, **kwargs):
        if create and extracted:
            self.conveners.set(extracted)
            for organization in extracted:
                GroupMembershipFactory(group=self, organization=organization)

    @factory.post_generation
    def organizations(self, create, extracted, **kwargs):
        if create and extracted:
            for organization in extracted:
                GroupMembershipFactory(group=self, organization=organization)


class GroupMembershipFactory(DjangoModelFactory):
    class Meta:
        model = GroupMembership

    group = factory.SubFactory(WorkingGroupFactory)
    organization = factory.SubFactory("tests.factories.OrganizationFactory")
    status = MembershipStatus.MEMBER
    joined_at = factory.LazyFunction(timezone.now)
