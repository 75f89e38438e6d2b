"""Event pages: the index, the event with its organizers, questions and sessions. Pages: each
has its own URL in the site tree, editorial content and a publish workflow."""

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from django.conf import global_settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from network.platform.models import Sourced
from network.platform.pagetree import RememberedPageManager, RememberedPages

from ..admin_forms import EventPageAdminForm, SessionInlinePanel
from ..enums import (
    EventKind,
    RegistrationMode,
    RegistrationStatus,
    SessionKind,
)

TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]
# Django's languages, each name shown in the reader's language (Django's own catalogue
# translates the names of global_settings.LANGUAGES).
LANGUAGE_CHOICES = [(code, _(name)) for code, name in global_settings.LANGUAGES]


def validate_time_zone(value):
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ValidationError(
            gettext("“%(value)s” is not a time zone name. Use an IANA name such as Europe/Rome.")
            % {"value": value}
        ) from error
    if value not in available_timezones():
        raise ValidationError(gettext("“%(value)s” is not a time zone name.") % {"value": value})


class EventIndexPage(RememberedPages, RoutablePageMixin, Page):
    """/events/: the list of the network's meetings. A Page: editors write its intro."""

    intro = RichTextField(blank=True, features=TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count = 1

    # Its URLs and views are in events/routes.py, handed over by events/apps.py.
    subpage_urls = ()

    @classmethod
    def get_subpage_urls(cls):
        return cls.subpage_urls


class EventPage(RememberedPages, RoutablePageMixin, Sourced, Page):
    """A workshop or conference. A Page: it has its own URL, editorial text and publishing."""

    objects = RememberedPageManager()

    kind = models.CharField(max_length=20, choices=EventKind.choices)
    start = models.DateTimeField()
    end = models.DateTimeField()
    time_zone = models.CharField(
        max_length=64,
        default="Europe/Rome",
        validators=[validate_time_zone],
        help_text=_(
            "IANA name of the time zone where the event takes place, e.g. Europe/Oslo. "
            "Times on the page and in calendars are shown in it."
        ),
    )
    dates_approximate = models.BooleanField(
        default=False,
        help_text=_("Tick when the exact dates are not known: the page says they are approximate."),
    )
    venue = models.CharField(max_length=200, blank=True)
    city = models.CharField(max_length=100, blank=True)
    country = CountryField(blank=True)
    online = models.BooleanField(default=False)
    online_link = models.URLField(
        blank=True, help_text=_("Shown only to confirmed participants and organizers.")
    )
    venue_details = models.TextField(
        blank=True,
        help_text=_(
            "Room, address and access instructions. Shown only to confirmed participants "
            "and organizers."
        ),
    )
    organizers = ParentalManyToManyField(
        "members.Organization", blank=True, related_name="organized_events"
    )
    purpose = RichTextField(blank=True, features=TEXT_FEATURES)
    audience = models.TextField(_("intended audience"), blank=True)
    expected_results = RichTextField(blank=True, features=TEXT_FEATURES)
    schedule_note = models.CharField(
        max_length=300, blank=True, help_text=_("Shown above the timetable, e.g. times indicative.")
    )
    capacity = models.PositiveIntegerField(
        null=True, blank=True, help_text=_("Seats for confirmed participants. Empty: no limit.")
    )
    registration_opens = models.DateTimeField(null=True, blank=True)
    registration_closes = models.DateTimeField(null=True, blank=True)
    registration_mode = models.CharField(
        max_length=10, choices=RegistrationMode.choices, default=RegistrationMode.APPROVAL
    )
    registration_enabled = models.BooleanField(
        default=True, help_text=_("Untick for events that take no registration on this site.")
    )
    organization_quota = models.PositiveIntegerField(
        _("places per organization"),
        null=True,
        blank=True,
        help_text=_(
            "At most this many people per organization, so every agency can attend. "
            "Empty: no quota."
        ),
    )
    show_participants = models.BooleanField(
        _("show participants to participants"),
        default=False,
        help_text=_("Confirmed participants see who else attends."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("time_zone"),
                FieldPanel("dates_approximate"),
            ],
            heading=_("Dates"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("venue"),
                FieldPanel("city"),
                FieldPanel("country"),
                FieldPanel("online"),
                FieldPanel("online_link"),
                FieldPanel("venue_details"),
            ],
            heading=_("Where"),
        ),
        FieldPanel("organizers"),
        InlinePanel("organizer_people", heading=_("Organizer role"), label=_("Organizer")),
        FieldPanel("purpose"),
        FieldPanel("audience"),
        FieldPanel("expected_results"),
        FieldPanel("schedule_note"),
        SessionInlinePanel("sessions", heading=_("Sessions"), label=_("Session")),
        MultiFieldPanel(
            [
                FieldPanel("registration_enabled"),
                FieldPanel("registration_mode"),
                FieldPanel("capacity"),
                FieldPanel("organization_quota"),
                FieldRowPanel(
                    [FieldPanel("registration_opens"), FieldPanel("registration_closes")]
                ),
                FieldPanel("show_participants"),
            ],
            heading=_("Registration"),
        ),
        InlinePanel("questions", heading=_("Extra questions"), label=_("Question")),
        MultiFieldPanel(
            [FieldPanel("source_document"), FieldPanel("source_quote")], heading=_("Source")
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("purpose"),
        index.SearchField("expected_results"),
        index.FilterField("start"),
    ]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []
    base_form_class = EventPageAdminForm

    class Meta:
        ordering = ["-start"]

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = gettext("The event must end after it starts.")
        if (
            self.registration_opens
            and self.registration_closes
            and self.registration_closes <= self.registration_opens
        ):
            errors["registration_closes"] = gettext("Registration must close after it opens.")
        if self.registration_closes and self.end and self.registration_closes > self.end:
            errors["registration_closes"] = gettext(
                "Registration cannot close after the event ends."
            )
        if self.online and not self.online_link and self.kind == EventKind.WEBINAR:
            errors["online_link"] = gettext("A webinar needs its online link.")
        if self.pk and self.capacity is not None:
            confirmed = self.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
            if self.capacity < confirmed:
                errors["capacity"] = gettext(
                    "%(count)s people are already confirmed: the capacity cannot be lower."
                ) % {"count": confirmed}
        if errors:
            raise ValidationError(errors)

    @property
    def tz(self):
        return ZoneInfo(self.time_zone)

    @property
    def local_start(self):
        return timezone.localtime(self.start, self.tz)

    @property
    def local_end(self):
        return timezone.localtime(self.end, self.tz)

    @property
    def is_past(self):
        return self.end < timezone.now()

    @property
    def registration_is_open(self):
        now = timezone.now()
        return (
            self.registration_enabled
            and not self.is_past
            and (self.registration_opens is None or self.registration_opens <= now)
            and (self.registration_closes is None or now < self.registration_closes)
        )

    def location_text(self):
        if self.online and not (self.venue or self.city):
            return gettext("Online")
        parts = [self.venue, self.city, self.country.name if self.country else ""]
        return ", ".join(part for part in parts if part)

    # The page itself, registration, the organizers' pages and the calendar file: their URLs
    # and views are in events/routes.py, handed over by events/apps.py, so that models never
    # import views.
    subpage_urls = ()

    @classmethod
    def get_subpage_urls(cls):
        return cls.subpage_urls


class EventOrganizer(Orderable):
    """A person given the organizer role for one event (beyond staff and focal points)."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="organizer_people")
    user = models.ForeignKey("members.User", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("user")]

    def __str__(self):
        return f"{self.user} organizes {self.page}"


class EventQuestion(Orderable):
    """An extra question asked on the registration form."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="questions")
    label = models.CharField(max_length=200)
    help_text = models.CharField(max_length=300, blank=True)
    required = models.BooleanField(default=False)

    panels = [FieldPanel("label"), FieldPanel("help_text"), FieldPanel("required")]

    def __str__(self):
        return self.label

    @property
    def key(self):
        return f"q{self.pk}"


class Session(Orderable, ClusterableModel):
    """One item of the timetable. An inline of its event page: edited and published with it.
    Clusterable so that its working-group members are saved with the page's revision."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="sessions")
    kind = models.CharField(max_length=20, choices=SessionKind.choices)
    title = models.CharField(max_length=200)
    start = models.DateTimeField()
    end = models.DateTimeField()
    room = models.CharField(max_length=100, blank=True)
    facilitators = models.CharField(max_length=300, blank=True)
    description = models.TextField(blank=True)
    members = ParentalManyToManyField(
        "members.User",
        blank=True,
        related_name="working_groups",
        help_text=_("For working groups: who takes part."),
    )

    panels = [
        FieldPanel("kind"),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldPanel("room"),
        FieldPanel("facilitators"),
        FieldPanel("description"),
        FieldPanel("members"),
    ]

    class Meta(Orderable.Meta):
        ordering = ["start", "sort_order"]

    def __str__(self):
        return self.title

    @property
    def local_start(self):
        return timezone.localtime(self.start, self.page.tz)

    def clean(self):
        super().clean()
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": gettext("A session must end after it starts.")})
        # Unset on a bare session: the related-object error is an AttributeError.
        event = getattr(self, "page", None)
        times = event and event.start and event.end and self.start and self.end
        if times and (self.start < event.start or self.end > event.end):
            raise ValidationError(
                gettext("The session “%(title)s” must take place within the event's start and end.")
                % {"title": self.title}
            )
