"""The meetings the network grew out of."""

from datetime import datetime
from zoneinfo import ZoneInfo

from home.models import HomePage
from members.models import Organization

from .enums import EventKind
from .models import EventIndexPage, EventPage

ROME = ZoneInfo("Europe/Rome")
OSLO = ZoneInfo("Europe/Oslo")

EVENTS = [
    {
        "slug": "research-on-child-trafficking-2004",
        "title": "Research on Child Trafficking: Needs and Challenges",
        "kind": EventKind.EXPERT_WORKSHOP,
        "start": datetime(2004, 9, 22, 9, 0, tzinfo=ROME),
        "end": datetime(2004, 9, 23, 17, 0, tzinfo=ROME),
        "venue": "UNICEF Innocenti Research Centre",
        "city": "Florence",
        "country": "IT",
        "organizers": ["unicef-irc"],
        "audience": "A limited number of researchers and practitioners with responsibility for "
        "promoting and managing research on child trafficking.",
        "purpose": "<ul><li>Optimizing current research tools and methodologies to understand "
        "and monitor child trafficking;</li><li>Enhancing data collection and promotion of its "
        "use;</li><li>Sharing of experiences and ideas among researchers;</li><li>Inter-agency "
        "collaboration and interaction.</li></ul>",
        "expected_results": "<ul><li>Identification of major challenges and needs in doing "
        "research on child trafficking</li><li>Identification of information gaps on patterns "
        "(flows, root causes, uses) and responses (impact)</li><li>List of indicators on child "
        "trafficking (what can be measured?)</li><li>Clarification on the participation and "
        "role of children in the research</li><li>Clarity on ethical considerations in doing "
        "research on child trafficking</li><li>Promotion of the inter agency research network "
        "on trafficking</li></ul>",
    },
    {
        "slug": "oslo-2011",
        "title": "Trafficking in Children: A Criminal Act Calling for a Child Protection Response",
        "kind": EventKind.CONFERENCE,
        "start": datetime(2011, 6, 20, 9, 0, tzinfo=OSLO),
        "end": datetime(2011, 6, 21, 17, 0, tzinfo=OSLO),
        "venue": "",
        "city": "Oslo",
        "country": "NO",
        "organizers": ["norway-bld", "cbss"],
        "audience": "Law enforcement, prosecution, child protection and outreach work experts "
        "from the Baltic Sea region, researchers and representatives of governmental and "
        "non-governmental services.",
        "purpose": "<p>Cooperation between law enforcement and child protection where children "
        "are exploited in begging and in criminality as part of the trafficking crime, and the "
        "situation of asylum-seeking children.</p>",
        "expected_results": "<p>Conclusions on awareness-raising among the target groups and "
        "competence building among professionals, to support increased identification of "
        "victims and increased provision of care and justice services.</p>",
    },
]


def load():
    """Add the events index and the seed events that are missing."""
    created = 0
    home = HomePage.objects.get()
    index = EventIndexPage.objects.first()
    if index is None:
        index = home.add_child(
            instance=EventIndexPage(
                title="Events",
                slug="events",
                show_in_menus=True,
                search_description="Workshops and conferences of the network.",
                intro="<p>Workshops, conferences and working-group meetings of the network, "
                "with their outputs.</p>",
            )
        )
        index.save_revision().publish()
        created += 1
    for data in EVENTS:
        if EventPage.objects.filter(slug=data["slug"]).exists():
            continue
        data = dict(data)
        organizers = Organization.objects.filter(slug__in=data.pop("organizers"))
        event = EventPage(**data)
        event.organizers.set(organizers)
        index.add_child(instance=event)
        event.save_revision().publish()
        created += 1
    return created
