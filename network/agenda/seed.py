"""The agenda the network starts from: the expected results of the 2004 Florence expert
workshop, adopted there as the shared research agenda, and the themes of IOM's thematic
research series, proposed for discussion."""

from datetime import UTC, datetime

from django.utils import timezone

from members.models import Organization
from network.gaps import seed as gaps_seed
from network.gaps.models import DataGap

from .enums import PriorityStatus, Theme
from .models import PriorityStatusChange, ResearchPriority

WORKSHOP_OPENED = datetime(2004, 9, 22, 9, 0, tzinfo=UTC)
WORKSHOP_CLOSED = datetime(2004, 9, 23, 17, 0, tzinfo=UTC)
ADOPTED_REASON = "Adopted at the 2004 Florence expert workshop"

PRIORITIES = [
    {
        "title": "Information gaps on the patterns of child trafficking: flows, root causes "
        "and uses",
        "rationale": "Identify what is not known about where children are trafficked from, "
        "through and to, why, and for what purposes, including internal trafficking and the "
        "sub-regions with least documentation.",
        "theme": Theme.PATTERNS,
        "organization": "unicef-irc",
        "status": PriorityStatus.ADOPTED,
        "gaps": [
            "Internal trafficking is under-researched",
            "Scarce information on child trafficking in Central Asia",
            "Less documentation in the EU and other Western European countries",
            "Links between trafficking and development are under-researched",
        ],
    },
    {
        "title": "Information gaps on responses: the impact of anti-trafficking measures",
        "rationale": "A dearth of empirical data limits the ability to determine whether "
        "implemented strategies are indeed improving the protection of trafficked children. "
        "Evaluate responses against a baseline.",
        "theme": Theme.RESPONSES,
        "organization": "unicef-irc",
        "status": PriorityStatus.ADOPTED,
        "gaps": [
            "The impact of anti-trafficking policies has never been evaluated",
            "No baseline to measure trafficking and anti-trafficking initiatives against",
        ],
    },
    {
        "title": "A list of indicators on child trafficking: what can be measured",
        "rationale": "Agree on indicators and on the disaggregations every source should "
        "report, so that data on trafficked children become specific, reliable and comparable.",
        "theme": Theme.METHODS,
        "organization": "unicef-irc",
        "status": PriorityStatus.ADOPTED,
        "gaps": [
            "No harmonized data disaggregated by age, gender, national origin and form of "
            "exploitation",
            "National definitions of trafficking make data incomparable",
            "Data collected with non-standardized methods cannot be compared",
            "Figures on the magnitude of child trafficking are based on estimates",
        ],
    },
    {
        "title": "Optimizing research tools and methodologies: a model questionnaire for the "
        "Europe component",
        "rationale": "Optimize current research tools and methodologies to understand and "
        "monitor child trafficking, starting with a model questionnaire for the Europe "
        "component.",
        "theme": Theme.METHODS,
        "organization": "unicef-irc",
        "status": PriorityStatus.ADOPTED,
        "gaps": [
            "Data collected with non-standardized methods cannot be compared",
            "Almost no data on trafficking of children for labour and other non-sexual purposes",
        ],
    },
    {
        "title": "The participation and role of children in research",
        "rationale": "Clarify how children take part in research on child trafficking and "
        "what role they play, in their best interests.",
        "theme": Theme.ETHICS,
        "organization": "unicef-irc",
        "status": PriorityStatus.ADOPTED,
        "gaps": [],
    },
    {
        "title": "Ethical considerations in research on child trafficking",
        "rationale": "Reach clarity on the ethical considerations of doing research on child "
        "trafficking: consent, confidentiality, protection from harm and the handling of data.",
        "theme": Theme.ETHICS,
        "organization": "unicef-irc",
        "status": PriorityStatus.ADOPTED,
        "gaps": [],
    },
    {
        "title": "Trafficking of males",
        "rationale": "Men and boys are a trend less considered; IOM's thematic research "
        "series proposes to study male trafficking, building on the Ukraine and Belarus case.",
        "theme": Theme.FORMS,
        "organization": "iom",
        "status": PriorityStatus.UNDER_DISCUSSION,
        "gaps": ["Trafficking of men and boys: a trend less considered"],
    },
    {
        "title": "Re-trafficking",
        "rationale": "Understand who is trafficked again after assistance, and why, from the "
        "patterns of exploitation and re-trafficking in case data.",
        "theme": Theme.PATTERNS,
        "organization": "iom",
        "status": PriorityStatus.PROPOSED,
        "gaps": [
            "Re-trafficking is barely documented",
            "Unidentified victims that an assistance database cannot count",
        ],
    },
    {
        "title": "Trafficking and traffickers",
        "rationale": "Study who the traffickers are and how they operate, a theme of IOM's "
        "thematic research series.",
        "theme": Theme.PATTERNS,
        "organization": "iom",
        "status": PriorityStatus.PROPOSED,
        "gaps": [],
    },
    {
        "title": "Trafficking and development",
        "rationale": "Research the links between trafficking and development, under-researched "
        "according to IOM.",
        "theme": Theme.ROOT_CAUSES,
        "organization": "iom",
        "status": PriorityStatus.UNDER_DISCUSSION,
        "gaps": ["Links between trafficking and development are under-researched"],
    },
    {
        "title": "Methods and approaches in trafficking research: taking stock and exploring "
        "ways forward",
        "rationale": "Take stock of methods used in trafficking research and explore ways "
        "forward, as IOM and the NEXUS Institute began to.",
        "theme": Theme.METHODS,
        "organization": "iom",
        "status": PriorityStatus.PROPOSED,
        "gaps": [
            "Figures on the magnitude of child trafficking are based on estimates",
            "Data collected with non-standardized methods cannot be compared",
        ],
    },
]


def load():
    """Create the register (now that its reporters exist) and the missing priorities.
    Existing priorities are left as the network has moved them."""
    created = gaps_seed.load_register()
    organizations = {o.slug: o for o in Organization.objects.filter(slug__in={"unicef-irc", "iom"})}
    for data in PRIORITIES:
        if ResearchPriority.objects.filter(title=data["title"]).exists():
            continue
        adopted = data["status"] == PriorityStatus.ADOPTED
        priority = ResearchPriority(
            title=data["title"],
            rationale=data["rationale"],
            theme=data["theme"],
            status=data["status"],
            proposing_organization=organizations.get(data["organization"]),
            created_at=WORKSHOP_OPENED if adopted else timezone.now(),
        )
        priority.full_clean()
        priority.save()
        priority.gaps.set(DataGap.objects.filter(title__in=data["gaps"]))
        PriorityStatusChange.objects.create(
            priority=priority,
            from_status="",
            to_status=PriorityStatus.PROPOSED,
            at=priority.created_at,
            reason="Expected result of the 2004 Florence expert workshop"
            if adopted
            else "From IOM's thematic research series",
        )
        if adopted:
            PriorityStatusChange.objects.create(
                priority=priority,
                from_status=PriorityStatus.PROPOSED,
                to_status=PriorityStatus.ADOPTED,
                at=WORKSHOP_CLOSED,
                reason=ADOPTED_REASON,
            )
        elif data["status"] != PriorityStatus.PROPOSED:
            PriorityStatusChange.objects.create(
                priority=priority,
                from_status=PriorityStatus.PROPOSED,
                to_status=data["status"],
                at=priority.created_at,
                reason="Seeded for discussion",
            )
        created += 1
    return created
