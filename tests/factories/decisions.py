"""Factories for the decision and action register."""

import factory
from factory.django import DjangoModelFactory

from network.decisions.enums import RecordKind
from network.decisions.models import Decision


class DecisionFactory(DjangoModelFactory):
    class Meta:
        model = Decision
        skip_postgeneration_save = True

    kind = RecordKind.ACTION_POINT
    text = factory.Sequence(lambda n: f"Publish the training material, part {n}")

    @factory.post_generation
    def responsible(self, create, extracted, **kwargs):
        if create and extracted:
            self.responsible.set(extracted)
