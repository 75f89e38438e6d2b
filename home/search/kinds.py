"""What can be found: one SearchKind per kind, with the selector that says who may see it."""

import html
from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from events.models import EventPage
from home.models import StandardPage
from members.models import Organization
from members.selectors import people_visible_to
from network.agenda.models import ResearchPriority
from network.decisions.selectors import decisions_visible_to
from network.gaps.models import Indicator
from network.gaps.selectors import gap_filter
from network.groups.models import WorkingGroup
from network.library.models import Publication
from network.platform.languages import source_pages
from network.platform.models import choice_label
from projects.selectors import projects_visible_to


def _absolute_url(obj):
    return obj.get_absolute_url()


def _no_meta(obj):
    return ""


@dataclass(frozen=True)
class SearchKind:
    """One kind of thing the search finds. `visible(user)` is what the searcher may see;
    `title` and `text` (what a hit reads as and is highlighted in) and `url` (where it leads)
    are the name of an attribute of the found object, or a function of it."""

    key: str
    label: str
    visible: Callable[[object], QuerySet]
    text: str | Callable[[object], str]
    title: str | Callable[[object], str] = "title"
    url: str | Callable[[object], str] = _absolute_url
    browse_url: str = ""
    meta: Callable[[object], str] = _no_meta
    suggest_from: str = "title"

    def __post_init__(self):
        for name in ("title", "text", "url"):
            if isinstance(getattr(self, name), str):
                object.__setattr__(self, name, attrgetter(getattr(self, name)))


def _plain(*names):
    """The object's rich-text fields as the words a reader sees: tags dropped, entities
    decoded (escaped later)."""

    def text(obj):
        return html.unescape(strip_tags(" ".join(f"{getattr(obj, name)}" for name in names)))

    return text


def _events(user):
    # Wagtail's own visibility: published, and not behind a view restriction; translations
    # are shown on their page, not found beside it (network/platform/languages.py).
    return source_pages(EventPage.objects.live().public())


def _pages(user):
    return source_pages(StandardPage.objects.live().public())


def _indicator_url(indicator):
    return f"{reverse('gaps:indicators')}#indicator-{indicator.pk}"


KINDS = [
    SearchKind(
        key="organizations",
        label=_("Organizations"),
        # Applicants, declined and former organizations are not listed anywhere public.
        visible=lambda user: Organization.objects.members(),
        title="name",
        text="mandate",
        browse_url="/members/",
        meta=lambda o: " · ".join(filter(None, [o.acronym, choice_label(o, "kind")])),
        suggest_from="name",
    ),
    SearchKind(
        key="people",
        label=_("People"),
        visible=people_visible_to,
        title="name",
        text="bio",
        suggest_from="display_name",
    ),
    SearchKind(
        key="priorities",
        label=_("Research priorities"),
        # The agenda is public (network/agenda/selectors.py).
        visible=lambda user: ResearchPriority.objects.all(),
        text="rationale",
        browse_url="/agenda/",
        meta=lambda p: f"{choice_label(p, 'theme')} · {choice_label(p, 'status')}",
    ),
    SearchKind(
        key="gaps",
        label=_("Data gaps"),
        # The gap register is public (network/gaps/selectors.py).
        visible=lambda user: gap_filter(),
        text="description",
        browse_url="/gaps/",
        meta=lambda g: f"{choice_label(g, 'area')} · {choice_label(g, 'status')}",
    ),
    SearchKind(
        key="indicators",
        label=_("Indicators"),
        visible=lambda user: Indicator.objects.all(),
        title="name",
        text="definition",
        url=_indicator_url,
        browse_url="/gaps/indicators/",
        meta=attrgetter("unit"),
        suggest_from="name",
    ),
    SearchKind(
        key="projects",
        label=_("Projects"),
        # Drafts only for their team; only public fields are indexed (projects/models.py).
        visible=projects_visible_to,
        text="summary",
        browse_url="/projects/",
        meta=lambda p: choice_label(p, "status"),
    ),
    SearchKind(
        key="events",
        label=_("Events"),
        visible=_events,
        text=_plain("purpose", "expected_results"),
        url="url",
        browse_url="/events/",
        meta=lambda e: f"{choice_label(e, 'kind')} · {e.start:%d %B %Y}",
    ),
    SearchKind(
        key="publications",
        label=_("Publications"),
        visible=lambda user: Publication.objects.all(),
        text="summary",
        browse_url="/library/",
        meta=lambda p: f"{choice_label(p, 'type')} · {p.date_display}",
    ),
    SearchKind(
        key="groups",
        label=_("Working groups"),
        # Approved groups only, for everyone: a proposal is found on /groups/ by those it
        # concerns.
        visible=lambda user: WorkingGroup.objects.public(),
        title="name",
        text="mandate",
        browse_url="/groups/",
        meta=lambda g: choice_label(g, "status"),
        suggest_from="name",
    ),
    SearchKind(
        key="decisions",
        label=_("Decisions and action points"),
        # A restricted meeting's records only for staff and the responsible organizations'
        # people.
        visible=decisions_visible_to,
        title=lambda d: Truncator(d.text).chars(140),
        text="text",
        browse_url="/decisions/",
        meta=lambda d: f"{choice_label(d, 'kind')} · {choice_label(d, 'status')}",
        suggest_from="text",
    ),
    SearchKind(
        key="pages",
        label=_("Pages"),
        visible=_pages,
        text=_plain("intro", "body"),
        url="url",
    ),
]
KINDS_BY_KEY = {kind.key: kind for kind in KINDS}


def viewer_variant(request):
    """What sets a searcher's results beyond their viewer class (network/platform/pagecache.py):
    themself, when their own visibility hides them from that class, their teams' draft
    projects and the restricted decisions their organizations answer for."""
    from members.enums import Visibility
    from network.decisions.selectors import restricted_ids_visible_to
    from projects.selectors import draft_ids_visible_to

    user = request.user
    if not user.is_authenticated:
        return ""
    seen_by_class = user.visibility == Visibility.PUBLIC or (
        user.visibility == Visibility.MEMBERS and user.has_perm("members.view_members_only_people")
    )
    own = "" if seen_by_class else f"self={user.pk}"
    return f"{own};drafts={draft_ids_visible_to(user)};decisions={restricted_ids_visible_to(user)}"


# Searches one client may run at once: enough for a person with two tabs, few enough that
# one client cannot hold every worker. Slots live in the shared cache (Redis in production),


# The apps of the records KINDS find, pages aside (every cached page depends on those:
# settings.PAGE_CACHE_SHELL): the cached search page depends on them.
RECORD_APPS = ["members", "agenda", "gaps", "projects", "events", "library", "groups", "decisions"]
