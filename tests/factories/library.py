import factory
from factory.django import DjangoModelFactory

from network.library.enums import PublicationType
from network.library.models import Publication


class PublicationFactory(DjangoModelFactory):
    class Meta:
        model = Publication
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Study on child trafficking {n}")
    slug = factory.Sequence(lambda n: f"study-{n}")
    type = PublicationType.REPORT
    year = 2006
    summary = "An assessment of prevention work in South Eastern Europe."

    @factory.post_generation
    def publishers(self, create, extracted, **kwargs):
        if create and extracted:
            self.publishers.set(extracted)
