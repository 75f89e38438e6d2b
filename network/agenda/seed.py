# ruff: noqa: RUF001 -- the seed keeps the typography of the source documents.
"""The agenda the network starts from, all proposed: the expected results of the 2004
Florence expert workshop (the announcement lists a shared research agenda as an expected
output; the sources record no adoption, so only a vote of the network adopts them) and the
themes IOM listed among its initiatives to address knowledge gaps."""

from django.utils import timezone

from members.models import Organization
from network.gaps import seed as gaps_seed
from network.gaps.models import DataGap
from network.platform import sources

from .enums import PriorityStatus, Theme
from .models import PriorityStatusChange, ResearchPriority

FLORENCE_REASON = "Expected result of the 2004 Florence expert workshop"
IOM_REASON = "Listed by IOM among its recent initiatives to address knowledge gaps"
GAPS_QUOTE = (
    "Identification of information gaps on patterns (flows, root causes, uses) and responses "
    "(impact)"
)
SERIES_QUOTE = (
    "Thematic Research Series: - Trafficking of males - Re-trafficking; - Trafficking and "
    "traffickers; - Trafficking and development"
)

PRIORITIES = [
    {
        "title": "Information gaps on the patterns of child trafficking: flows, root causes "
        "and uses",
        "rationale": "Identify what is not known about where children are trafficked from, "
        "through and to, why, and for what purposes, including internal trafficking and the "
        "sub-regions with least documentation.",
        "theme": Theme.PATTERNS,
        "organization": "unicef-irc",
        "source_document": sources.WORKSHOP_2004,
        "source_quote": GAPS_QUOTE,
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
        "implemented strategies are indeed improving the protection of trafficked children.",
        "theme": Theme.RESPONSES,
        "organization": "unicef-irc",
        "source_document": sources.WORKSHOP_2004,
        "source_quote": GAPS_QUOTE,
        "gaps": [
            "Little evaluation and impact assessment of anti-trafficking policies",
            "No baseline to measure trafficking and anti-trafficking initiatives against",
        ],
    },
    {
        "title": "A list of indicators on child trafficking: what can be measured",
        "rationale": "Draw up a list of indicators on child trafficking: what can be measured?",
        "theme": Theme.METHODS,
        "organization": "unicef-irc",
        "source_document": sources.WORKSHOP_2004,
        "source_quote": "List of indicators on child trafficking (what can be measured?)",
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
        "source_document": sources.WORKSHOP_2004,
        "source_quote": "A model questionnaire for the Europe component",
        "gaps": [
            "Data collected with non-standardized methods cannot be compared",
            "Almost no data on trafficking of children for labour and other non-sexual purposes",
        ],
    },
    {
        "title": "The participation and role of children in research",
        "rationale": "Clarify the participation and role of children in research on child "
        "trafficking.",
        "theme": Theme.ETHICS,
        "organization": "unicef-irc",
        "source_document": sources.WORKSHOP_2004,
        "source_quote": "Clarification on the participation and role of children in the research",
        "gaps": [],
    },
    {
        "title": "Ethical considerations in research on child trafficking",
        "rationale": "Reach clarity on the ethical considerations of doing research on child "
        "trafficking.",
        "theme": Theme.ETHICS,
        "organization": "unicef-irc",
        "source_document": sources.WORKSHOP_2004,
        "source_quote": "Clarity vis. ethical consideration in doing research on child trafficking",
        "gaps": [],
    },
    {
        "title": "Trafficking of males",
        "rationale": "A strand of IOM's thematic research series; IOM published 'Trafficking of "
        "men – a trend less considered: The case of Belarus and Ukraine'.",
        "theme": Theme.FORMS,
        "organization": "iom",
        "source_document": sources.IOM_2009,
        "source_quote": SERIES_QUOTE,
        "gaps": ["Trafficking of men and boys: a trend less considered"],
    },
    {
        "title": "Re-trafficking",
        "rationale": "A strand of IOM's thematic research series; the IOM Global Human "
        "Trafficking Database holds data on patterns of exploitation and re-trafficking.",
        "theme": Theme.PATTERNS,
        "organization": "iom",
        "source_document": sources.IOM_2009,
        "source_quote": SERIES_QUOTE,
        "gaps": [
            "Re-trafficking is a knowledge gap",
            "Unidentified victims that an assistance database cannot count",
        ],
    },
    {
        "title": "Trafficking and traffickers",
        "rationale": "A strand of IOM's thematic research series.",
        "theme": Theme.PATTERNS,
        "organization": "iom",
        "source_document": sources.IOM_2009,
        "source_quote": SERIES_QUOTE,
        "gaps": [],
    },
    {
        "title": "Trafficking and development",
        "rationale": "IOM finds links with development under-researched and lists trafficking "
        "and development as a strand of its thematic research series.",
        "theme": Theme.ROOT_CAUSES,
        "organization": "iom",
        "source_document": sources.IOM_2009,
        "source_quote": "Internal trafficking, links with development under-researched",
        "gaps": ["Links between trafficking and development are under-researched"],
    },
    {
        "title": "Methods and approaches in trafficking research: taking stock and exploring "
        "ways forward",
        "rationale": "Take stock of methods used in trafficking research and explore ways "
        "forward, as IOM (Geneva) and the NEXUS Institute (Vienna) cooperate to do.",
        "theme": Theme.METHODS,
        "organization": "iom",
        "source_document": sources.IOM_2009,
        "source_quote": "Methods and approaches in trafficking research: taking stock and "
        "exploring ways forward - Cooperation IOM (Geneva) and NEXUS Institute (Vienna)",
        "gaps": [
            "Figures on the magnitude of child trafficking are based on estimates",
            "Data collected with non-standardized methods cannot be compared",
        ],
    },
]


def load():
    """Create the register (now that its reporters exist) and the missing priorities, all
    proposed: their history records where each came from and nothing else. Existing
    priorities are left as the network has moved them."""
    created = gaps_seed.load_register()
    organizations = {o.slug: o for o in Organization.objects.filter(slug__in={"unicef-irc", "iom"})}
    for data in PRIORITIES:
        if ResearchPriority.objects.filter(title=data["title"]).exists():
            continue
        priority = ResearchPriority(
            title=data["title"],
            rationale=data["rationale"],
            theme=data["theme"],
            status=PriorityStatus.PROPOSED,
            proposing_organization=organizations.get(data["organization"]),
            source_document=data["source_document"],
            source_quote=data["source_quote"],
            created_at=timezone.now(),
        )
        priority.full_clean()
        priority.save()
        priority.gaps.set(DataGap.objects.filter(title__in=data["gaps"]))
        PriorityStatusChange.objects.create(
            priority=priority,
            from_status="",
            to_status=PriorityStatus.PROPOSED,
            at=priority.created_at,
            reason=FLORENCE_REASON if data["organization"] == "unicef-irc" else IOM_REASON,
        )
        created += 1
    return created
