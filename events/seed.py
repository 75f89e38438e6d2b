"""The meetings the network grew out of, as dated events: only those whose dates the sources
give. The three workshops of the CBSS project have no date or place in the source, so they
are described on the project's page (projects/seed.py) rather than shown as dated events."""

from datetime import datetime
from zoneinfo import ZoneInfo

from wagtail.models import Site

from members.models import Organization
from network.platform import sources
from network.platform.languages import source_pages

from .enums import EventKind, OutputKind, SessionKind
from .models import EventIndexPage, EventOutput, EventPage, Session

ROME = ZoneInfo("Europe/Rome")
OSLO = ZoneInfo("Europe/Oslo")

NETWORK_SESSION = (
    "Following a first informal meeting during the XII Session of the Commission on Crime "
    "Prevention and Criminal Justice in Vienna in 2003, and the recommendation of the meeting "
    "on “Improving Data and Research on Human Trafficking” on the need to promote contact and "
    "networking among researchers, this final session is dedicated to the promotion of the "
    "Inter Agency Research Network in Trafficking in Human Beings: the continuous sharing of "
    "information and the definition of possible areas of collaboration and synergy. Each "
    "organization participates as a joint and equal partner."
)
NO_COPY = "Announced as a tangible output of the workshop; no copy is held on this site yet."


def _rome(day, hour, minute=0):
    return datetime(2004, 9, day, hour, minute, tzinfo=ROME)


# The announcement names the sessions' focuses, not their times: the times are indicative
# and the page says so (schedule_note).
FLORENCE_SESSIONS = [
    (
        SessionKind.PLENARY,
        "Optimizing current research tools and methodologies to understand "
        "and monitor child trafficking",
        _rome(22, 9, 30),
        _rome(22, 13),
    ),
    (
        SessionKind.WORKING_GROUP,
        "Enhancing data collection and promotion of its use",
        _rome(22, 14, 30),
        _rome(22, 17, 30),
    ),
    (
        SessionKind.PRESENTATION,
        "Sharing of experiences and ideas among researchers",
        _rome(23, 9, 0),
        _rome(23, 11),
    ),
    (
        SessionKind.WORKING_GROUP,
        "Inter-agency collaboration and interaction",
        _rome(23, 11, 15),
        _rome(23, 13),
    ),
    (
        SessionKind.PLENARY,
        "The Inter Agency Research Network on Trafficking in Human Beings",
        _rome(23, 14, 30),
        _rome(23, 17),
    ),
]
FLORENCE_OUTPUTS = [
    (OutputKind.WORKING_PAPER, "A working paper on workshop results"),
    (OutputKind.QUESTIONNAIRE, "A model questionnaire for the Europe component"),
    (
        OutputKind.AGENDA,
        "A shared research agenda or possible area of inter-agency collaboration/synergy",
    ),
]
# Seeded before the fix for made-up dates: the three CBSS workshops, dated by guesswork.
# A loader run takes them off the site unless someone has since given them real dates.
RETIRED = [f"cbss-information-sharing-workshop-{number}" for number in (1, 2, 3)]

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
        "time_zone": "Europe/Rome",
        "registration_enabled": False,
        "schedule_note": "The announcement gives the dates and the focuses of the sessions, "
        "not their times: the times shown are indicative, not stated in the sources.",
        "source_document": sources.WORKSHOP_2004,
        "source_quote": "Expert Workshop “Research on Child Trafficking: Needs and "
        "Challenges”. 22-23 September 2004 UNICEF Innocenti Research Centre (IRC) Florence "
        "Italy",
        "sessions": FLORENCE_SESSIONS,
        "outputs": [(kind, title, NO_COPY) for kind, title in FLORENCE_OUTPUTS],
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
        "time_zone": "Europe/Oslo",
        "registration_enabled": False,
        "organizers": ["norway-bld", "cbss"],
        "audience": "Law enforcement, prosecution, child protection and outreach work experts "
        "from all over the region, researchers and representatives of governmental and "
        "non-governmental services.",
        "schedule_note": "The source gives the dates, not the times: the times shown are not "
        "stated in the sources.",
        "source_document": sources.CBSS_PROJECT,
        "source_quote": "the Trafficking in Children: A Criminal Act Calling for a Child "
        "Protection Response conference was held 20-21 June 2011 in Oslo, Norway.",
        "purpose": "<p>Cooperation between law enforcement and child protection where children "
        "are exploited in begging and in criminality as part of the trafficking crime, and the "
        "situation of asylum-seeking children.</p><p>Held at the invitation of the Norwegian "
        "Minister of Children, Equality and Social Inclusion, and financed by the Norwegian "
        "Ministry of Children, Equality and Social Inclusion and the CBSS Expert Group on "
        "Children at Risk. It was attended by over 100 law enforcement, prosecution, child "
        "protection and outreach work experts from all over the region as well as researchers "
        "and representatives of governmental and non-governmental services. It culminated the "
        "CBSS project <i>Information Management to Prevent Trafficking</i>.</p>",
        "outputs": [
            (
                OutputKind.REPORT,
                "Conference report",
                "Conclusions on awareness-raising amongst the target groups and competence "
                "building among professionals, to support increased identification of victims "
                "and increased provision of care and justice services. Points of action include "
                "securing the rights of children trafficked for exploitation in criminality and "
                "in begging; the results gave input to training material for professionals "
                "meeting asylum-seeking children. No copy is held on this site yet.",
            )
        ],
        "expected_results": "<p>Conclusions on awareness-raising among the target groups and "
        "competence building among professionals, to support increased identification of "
        "victims and increased provision of care and justice services.</p>",
    },
]


def load():
    """Add the events index and the seed events that are missing, with their sessions and
    outputs. Existing events are left as their organizers edited them."""
    created = 0
    # The events index sits under the site's home page (the default site's root).
    home = Site.objects.get(is_default_site=True).root_page
    index = source_pages(EventIndexPage.objects.all()).first()
    if index is None:
        index = home.add_child(
            instance=EventIndexPage(
                title="Events",
                slug="events",
                show_in_menus=False,
                search_description="Workshops and conferences of the network.",
                intro="<p>Workshops, conferences and working-group meetings of the network, "
                "with their outputs.</p>",
            )
        )
        index.save_revision().publish()
        created += 1
    for page in EventPage.objects.live().filter(slug__in=RETIRED, dates_approximate=True):
        page.unpublish()
    for data in EVENTS:
        if EventPage.objects.filter(slug=data["slug"]).exists():
            continue
        data = dict(data)
        organizers = Organization.objects.filter(slug__in=data.pop("organizers"))
        sessions = data.pop("sessions", [])
        outputs = data.pop("outputs", [])
        event = EventPage(**data)
        event.organizers.set(organizers)
        event.sessions = [
            Session(
                kind=kind,
                title=title,
                start=start,
                end=end,
                description=(NETWORK_SESSION if "Research Network" in title else ""),
            )
            for kind, title, start, end in sessions
        ]
        index.add_child(instance=event)
        event.save_revision().publish()
        created += 1 + len(sessions)
        for kind, title, summary in outputs:
            output = EventOutput(event=event, kind=kind, title=title, summary=summary, planned=True)
            output.full_clean()
            output.save()
            created += 1
    return created
