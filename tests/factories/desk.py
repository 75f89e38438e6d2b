"""Factories for formal notices."""

from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from network.desk.models import Notice, NoticeAcknowledgement
from tests.factories import OrganizationFactory


class NoticeFactory(DjangoModelFactory):
    class Meta:
        model = Notice
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Convocation of the general meeting {n}")
    body = "The network meets in **Florence** on 3 March."
    acknowledge_by = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))

    @factory.post_generation
    def recipients(self, create, extracted, **kwargs):
        if create and extracted:
            self.recipients.set(extracted)


class NoticeAcknowledgementFactory(DjangoModelFactory):
    class Meta:
        model = NoticeAcknowledgement

    notice = factory.SubFactory(NoticeFactory)
    organization = factory.SubFactory(OrganizationFactory)
