"""Factories for the data catalogue."""

import factory
from factory.django import DjangoModelFactory

from network.catalogue.enums import AccessCondition
from network.catalogue.models import AccessRequest, Dataset
from tests.factories import OrganizationFactory, UserFactory


class DatasetFactory(DjangoModelFactory):
    class Meta:
        model = Dataset
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Assisted cases register {n}")
    slug = factory.Sequence(lambda n: f"dataset-{n}")
    description = "Cases assisted by the owner's programmes."
    owner = factory.SubFactory(OrganizationFactory)
    unit_of_record = "assisted cases"
    access = AccessCondition.MEMBERS

    @factory.post_generation
    def countries(self, create, extracted, **kwargs):
        if create and extracted:
            self.countries.set(extracted)

    @factory.post_generation
    def co_owners(self, create, extracted, **kwargs):
        if create and extracted:
            self.co_owners.set(extracted)


class AccessRequestFactory(DjangoModelFactory):
    class Meta:
        model = AccessRequest

    dataset = factory.SubFactory(DatasetFactory)
    organization = factory.SubFactory(OrganizationFactory)
    requested_by = factory.SubFactory(UserFactory)
    purpose = "A study of routes."
    variables_needed = "age, sex, year"
    coverage_needed = "Moldova, 2008 to 2012"
    storage = "Encrypted drive at the office."
    retention = "Two years"
    k_confirmed = True
