from django.core.exceptions import ValidationError
from django.db import models
from django_countries.fields import CountryField
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from . import selectors
from .enums import EventKind

TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class EventIndexPage(Page):
    """/events/: the list of the network's meetings. A Page: editors write its intro."""

    intro = RichTextField(blank=True, features=TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["upcoming"] = selectors.upcoming_events()
        context["past"] = selectors.past_events()
        return context


class EventPage(Page):
    """A workshop or conference. A Page: it has its own URL, editorial text and publishing."""

    kind = models.CharField(max_length=20, choices=EventKind.choices)
    start = models.DateTimeField()
    end = models.DateTimeField()
    venue = models.CharField(max_length=200, blank=True)
    city = models.CharField(max_length=100, blank=True)
    country = CountryField(blank=True)
    online = models.BooleanField(default=False)
    organizers = ParentalManyToManyField(
        "members.Organization", blank=True, related_name="organized_events"
    )
    purpose = RichTextField(blank=True, features=TEXT_FEATURES)
    audience = models.TextField("intended audience", blank=True)
    expected_results = RichTextField(blank=True, features=TEXT_FEATURES)

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        MultiFieldPanel([FieldRowPanel([FieldPanel("start"), FieldPanel("end")])], heading="Dates"),
        MultiFieldPanel(
            [FieldPanel("venue"), FieldPanel("city"), FieldPanel("country"), FieldPanel("online")],
            heading="Where",
        ),
        FieldPanel("organizers"),
        FieldPanel("purpose"),
        FieldPanel("audience"),
        FieldPanel("expected_results"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("purpose"),
        index.SearchField("expected_results"),
        index.FilterField("start"),
    ]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        ordering = ["-start"]

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": "The event cannot end before it starts."})
