"""Factories for country profiles and update rounds."""

from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from network.countries import seed
from network.countries.models import Answer, ProfileVersion, Questionnaire, Round, RoundCountry
from tests.factories import OrganizationFactory
from tests.factories.gaps import CountryFactory


def questionnaire_v1():
    """The seeded first version, as every install has it."""
    seed.load()
    return Questionnaire.objects.get(version="v1")


class RoundFactory(DjangoModelFactory):
    class Meta:
        model = Round

    title = factory.Sequence(lambda n: f"Round {n}")
    slug = factory.Sequence(lambda n: f"round-{n}")
    questionnaire = factory.LazyFunction(questionnaire_v1)
    deadline = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))


class RoundCountryFactory(DjangoModelFactory):
    class Meta:
        model = RoundCountry

    round = factory.SubFactory(RoundFactory)
    country = factory.SubFactory(CountryFactory)


class AnswerFactory(DjangoModelFactory):
    class Meta:
        model = Answer

    round_country = factory.SubFactory(RoundCountryFactory)
    organization = factory.SubFactory(OrganizationFactory)


class ProfileVersionFactory(DjangoModelFactory):
    class Meta:
        model = ProfileVersion

    country = factory.SubFactory(CountryFactory)
    number = factory.Sequence(lambda n: n + 1)
    values = factory.LazyFunction(dict)
    published_at = factory.LazyFunction(timezone.now)
