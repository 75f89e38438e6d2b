"""Factories for the gap register and the research agenda."""

import factory
from factory.django import DjangoModelFactory

from network.agenda.enums import PriorityStatus, Theme
from network.agenda.models import PriorityTranslation, ResearchPriority
from network.gaps.enums import Area, EmptyReason, GapStatus
from network.gaps.models import Country, DataGap, GapTranslation, Indicator, SubRegion
from tests.factories import OrganizationFactory, UserFactory


class SubRegionFactory(DjangoModelFactory):
    class Meta:
        model = SubRegion
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Sub-region {n}")
    slug = factory.Sequence(lambda n: f"sub-region-{n}")


class CountryFactory(DjangoModelFactory):
    class Meta:
        model = Country
        django_get_or_create = ("code",)

    code = "AL"
    sub_region = factory.SubFactory(SubRegionFactory)


class DataGapFactory(DjangoModelFactory):
    class Meta:
        model = DataGap
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Missing data {n}")
    description = "No source records this."
    area = Area.FLOWS
    empty_reason = EmptyReason.NOT_COLLECTED
    status = GapStatus.OPEN
    reported_by = factory.SubFactory(OrganizationFactory)

    @factory.post_generation
    def countries(self, create, extracted, **kwargs):
        if create and extracted:
            self.countries.set(extracted)

    @factory.post_generation
    def sub_regions(self, create, extracted, **kwargs):
        if create and extracted:
            self.sub_regions.set(extracted)


class IndicatorFactory(DjangoModelFactory):
    class Meta:
        model = Indicator

    name = factory.Sequence(lambda n: f"Indicator {n}")
    definition = "Number of identified children."
    unit = "children per year"


class PriorityFactory(DjangoModelFactory):
    class Meta:
        model = ResearchPriority
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Priority {n}")
    rationale = "The network needs to know."
    theme = Theme.PATTERNS
    status = PriorityStatus.PROPOSED

    @factory.post_generation
    def gaps(self, create, extracted, **kwargs):
        if create and extracted:
            self.gaps.set(extracted)


class GapTranslationFactory(DjangoModelFactory):
    class Meta:
        model = GapTranslation

    gap = factory.SubFactory(DataGapFactory)
    language = "fr"
    description = "Aucune source ne l'enregistre."
    translator = factory.SubFactory(UserFactory)


class PriorityTranslationFactory(DjangoModelFactory):
    class Meta:
        model = PriorityTranslation

    priority = factory.SubFactory(PriorityFactory)
    language = "fr"
    title = "Priorité traduite"
    rationale = "Le réseau doit le savoir."
    translator = factory.SubFactory(UserFactory)
