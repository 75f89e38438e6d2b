"""The research projects the seed documents describe. Described by metadata only: the IOM
database appears as a dataset description, never with case data."""

from datetime import timedelta

from django.db import transaction

from members.models import Organization
from network.agenda.models import ResearchPriority
from network.gaps.models import DataGap
from network.gaps.seed import SUB_REGIONS
from network.platform import sources

from .enums import OutputKind, PartnerStatus, ProjectStatus
from .models import PartnerOrganization, ProjectOutput, ProjectStatusChange, ResearchProject

INNOCENTI_COUNTRIES = [code for region in SUB_REGIONS for code in region["countries"]]
# The status each source supports, and why: IOM's presentation of July 2009 presents its
# three initiatives as ongoing; the other two sources describe finished work.
ONGOING_IN_2009 = "Presented as ongoing in IOM's presentation of 9 July 2009."
IOM_SERIES_QUOTE = (
    "Recent IOM initiatives to address knowledge gaps: IOM Global Human Trafficking Database "
    "- Thematic Research Series: - Trafficking of males - Re-trafficking; - Trafficking and "
    "traffickers; - Trafficking and development"
)

PROJECTS = [
    {
        "slug": "innocenti-child-trafficking-europe",
        "title": "Child Trafficking Research Project on Europe",
        "lead": "unicef-irc",
        "partners": [],
        "countries": INNOCENTI_COUNTRIES,
        "themes": ["patterns_flows", "responses_impact", "methods_data"],
        "status": ProjectStatus.COMPLETED,
        "status_reason": "The Innocenti Insight reports the study's findings; its systematic "
        "data collection was done between 2003 and 2005.",
        "source_document": sources.INNOCENTI_EUROPE,
        "source_quote": "Systematic data collection for this study was done between 2003 and "
        "2005. Since then, there have been periodic updates, depending on the availability of "
        "data and input from focal points.",
        "summary": "The UNICEF Innocenti Research Centre's study of how the European region "
        "responds to child trafficking, across 51 countries and entities in three clusters: "
        "the EU and other Western European countries, South-Eastern Europe, and the CIS. "
        "Systematic data collection was done between 2003 and 2005, with periodic updates "
        "since, depending on the availability of data and input from focal points.",
        "research_questions": "What legal, policy and implementation frameworks are in place "
        "to address child trafficking in Europe? Where do trafficking routes lead, into and "
        "out of each country, and where does internal trafficking occur? For which forms of "
        "exploitation are children trafficked?",
        "methodology": "Developing research methodologies for gathering specific and "
        "reliable data on the trafficking of children, with attention to the difficulty of "
        "gathering data: the lack of quantitative and qualitative data on trafficked children "
        "is one of the main constraints to evidence-based policy making.",
        "outputs": [
            {
                "kind": OutputKind.REPORT,
                "title": "Child Trafficking in Europe: A broad vision to put children first",
                "description": "IRC Insight examining how the European region is responding "
                "to child trafficking: the legal, policy and implementation frameworks in "
                "place. Developed with support from the German and Swiss UNICEF National "
                "Committees and the Governments of Italy and Sweden.",
            }
        ],
    },
    {
        "slug": "information-management-to-prevent-trafficking",
        "title": "Information Management to Prevent Trafficking",
        "lead": "cbss",
        "partners": [
            "save-the-children-denmark",
            "caritas-lithuania",
            "tartu-child-support-centre",
        ],
        # The source names the partners' countries, not where the project worked ("the
        # region"): no countries are stated.
        "countries": [],
        "themes": ["methods_data", "responses_impact"],
        "status": ProjectStatus.COMPLETED,
        "status_reason": "A one-year project that culminated with the Oslo conference of June "
        "2011.",
        "source_document": sources.CBSS_PROJECT,
        "source_quote": "A one-year project which mapped and identified resource persons and "
        "organisations to contribute vital information on trends related to child "
        "trafficking.",
        "summary": "A one-year project which mapped and identified resource persons and "
        "organisations to contribute vital information on trends related to child "
        "trafficking, co-funded by the Daphne III programme. It culminated in the conference "
        "'Trafficking in Children: A Criminal Act Calling for a Child Protection Response' "
        "(Oslo, 20\u201321 June 2011).",
        "research_questions": "Which information and intelligence structures on child "
        "trafficking exist in the region, and how does information flow between them?",
        "methodology": "The project organized three workshops, which aimed to contribute to an "
        "increase of the information on child trafficking available in the region; strengthen "
        "the national multidisciplinary networks preventing child trafficking; and contribute "
        "to the establishment of permanent channels of information-sharing on child "
        "trafficking within and between the countries involved. The source does not give the "
        "workshops' dates or places.",
        "outputs": [
            {
                "kind": OutputKind.REPORT,
                "title": "A report exploring information structures on child trafficking",
                "description": "Maps existing information and intelligence structures, "
                "aiming to picture information streams.",
            }
        ],
    },
    {
        "slug": "iom-global-human-trafficking-database",
        "title": "IOM Global Human Trafficking Database",
        "lead": "iom",
        "partners": [],
        "countries": [],
        "themes": ["methods_data", "patterns_flows"],
        "status": ProjectStatus.ACTIVE,
        "status_reason": ONGOING_IN_2009,
        "source_document": sources.IOM_2009,
        "source_quote": "Standardized approach, today used by 46 IOM missions in all regions of "
        "the world, with data covering 80 source and 100 destination countries.",
        "summary": "A victim-centred database developed to manage the information gathered "
        "by IOM counter-trafficking and return and reintegration programmes. A pilot was "
        "launched in South-Eastern Europe in 2000; in July 2009 the standardized approach was "
        "used by 46 IOM missions in all regions of the world. Funded by the US Department "
        "of State Office to Monitor and Combat Trafficking in Persons. This platform "
        "describes the database by its metadata only and holds none of its case data.",
        "research_questions": "How can standardized data on human trafficking be "
        "collected, stored and processed, and shared across borders safely?",
        "methodology": "For each case the system links IOM field missions in source and "
        "destination countries, prevents duplicate records and lets data be shared across "
        "borders in a safe and secure manner. Limits: it covers IOM-identified and assisted "
        "cases only, so it does not represent the scope of trafficking in a country; some "
        "categories are subjective and context specific; some variables have missing data.",
        "outputs": [
            {
                "kind": OutputKind.DATASET,
                "title": "IOM Global Human Trafficking Database",
                "version": "7.6.4",
                "description": "Metadata only. Custodian: IOM Counter-Trafficking. Coverage: "
                "46 IOM missions; data covering 80 source and 100 destination countries; "
                "13,359 registered cases at the end of December 2008. Content: trafficking "
                "process, patterns of exploitation and re-trafficking, assistance. Access: "
                "not stated in the sources.",
            }
        ],
    },
    {
        "slug": "iom-thematic-research-series",
        "title": "IOM Global Human Trafficking Database thematic research series",
        "lead": "iom",
        "partners": [],
        "countries": [],
        "themes": ["exploitation", "patterns_flows", "root_causes"],
        "status": ProjectStatus.ACTIVE,
        "status_reason": ONGOING_IN_2009,
        "source_document": sources.IOM_2009,
        "source_quote": IOM_SERIES_QUOTE,
        "summary": "Research drawing on the IOM Global Human Trafficking Database to address "
        "knowledge gaps, in four strands: trafficking of males; re-trafficking; trafficking "
        "and traffickers; trafficking and development.",
        "research_questions": "1. Trafficking of males: a trend less considered.\n"
        "2. Re-trafficking.\n3. Trafficking and traffickers.\n4. Trafficking and development.",
        "methodology": "Analysis of the database's standardized data on trafficked persons, "
        "the trafficking process and assistance.",
        "outputs": [
            {
                "kind": OutputKind.REPORT,
                "title": "Trafficking of men \u2013 a trend less considered: "
                "The case of Belarus and Ukraine",
                "description": "One of IOM's new publications on male trafficking.",
            }
        ],
    },
    {
        "slug": "methods-and-approaches-in-trafficking-research",
        "title": "Methods and approaches in trafficking research: "
        "taking stock and exploring ways forward",
        "lead": "iom",
        "partners": ["nexus-institute"],
        "countries": [],
        "themes": ["methods_data", "ethics_participation"],
        "status": ProjectStatus.ACTIVE,
        "status_reason": ONGOING_IN_2009,
        "source_document": sources.IOM_2009,
        "source_quote": "Methods and approaches in trafficking research: taking stock and "
        "exploring ways forward - Cooperation IOM (Geneva) and NEXUS Institute (Vienna)",
        "summary": "A cooperation between IOM (Geneva) and the NEXUS Institute (Vienna) to "
        "take stock of methods and approaches in trafficking research and explore ways "
        "forward.",
        "research_questions": "",
        "methodology": "",
        "outputs": [],
    },
]


# What each seeded project addresses, by the titles the gap and agenda seeds give.
LINKS = {
    "innocenti-child-trafficking-europe": {
        "gaps": [
            "No harmonized data disaggregated by age, gender, national origin and form of "
            "exploitation",
            "National definitions of trafficking make data incomparable",
            "Data collected with non-standardized methods cannot be compared",
            "Less documentation in the EU and other Western European countries",
        ],
        "priorities": [
            "Information gaps on the patterns of child trafficking: flows, root causes and uses",
            "Information gaps on responses: the impact of anti-trafficking measures",
            "Optimizing research tools and methodologies: a model questionnaire for the "
            "Europe component",
        ],
    },
    "information-management-to-prevent-trafficking": {
        # Information sharing between the Baltic countries' child-protection networks.
        "gaps": ["Less documentation in the EU and other Western European countries"],
        "priorities": [
            "Information gaps on the patterns of child trafficking: flows, root causes and uses",
        ],
    },
    "iom-global-human-trafficking-database": {
        "gaps": [
            "Unidentified victims that an assistance database cannot count",
            "Figures on the magnitude of child trafficking are based on estimates",
        ],
        "priorities": [],
    },
    "iom-thematic-research-series": {
        "gaps": [
            "Trafficking of men and boys: a trend less considered",
            "Re-trafficking is a knowledge gap",
            "Links between trafficking and development are under-researched",
        ],
        "priorities": [
            "Trafficking of males",
            "Re-trafficking",
            "Trafficking and traffickers",
            "Trafficking and development",
        ],
    },
    "methods-and-approaches-in-trafficking-research": {
        "gaps": ["Data collected with non-standardized methods cannot be compared"],
        "priorities": [
            "Methods and approaches in trafficking research: taking stock and exploring "
            "ways forward",
        ],
    },
}


def _never_edited(project):
    """A seeded project nobody has touched since the seed created it."""
    return project.updated_at - project.created_at < timedelta(seconds=5)


def _link(project):
    """Link a project to the seeded gaps and priorities; returns how many links were made."""
    links = LINKS.get(project.slug, {})
    gaps = list(DataGap.objects.filter(title__in=links.get("gaps", [])))
    priorities = list(ResearchPriority.objects.filter(title__in=links.get("priorities", [])))
    project.gaps.add(*gaps)
    project.priorities.add(*priorities)
    return len(gaps) + len(priorities)


@transaction.atomic
def load():
    """Create the projects that are missing; existing ones (and their edits) are left alone."""
    created = 0
    organizations = {o.slug: o for o in Organization.objects.all()}
    for data in PROJECTS:
        lead = organizations.get(data["lead"])
        existing = ResearchProject.objects.filter(slug=data["slug"]).first()
        if existing is not None:
            # Seeded before links existed: link it once, unless someone edited it or its
            # links since (a second load adds nothing and leaves edits alone).
            if (
                _never_edited(existing)
                and not existing.gaps.exists()
                and not existing.priorities.exists()
            ):
                created += _link(existing)
            continue
        if lead is None:
            continue
        project = ResearchProject(
            slug=data["slug"],
            title=data["title"],
            summary=data["summary"],
            research_questions=data["research_questions"],
            methodology=data["methodology"],
            countries=data["countries"],
            themes=data["themes"],
            lead_organization=lead,
            status=data["status"],
            source_document=data["source_document"],
            source_quote=data["source_quote"],
        )
        project.full_clean()
        project.save()
        created += 1
        ProjectStatusChange.objects.create(
            project=project, to_status=data["status"], reason=data["status_reason"]
        )
        for slug in data["partners"]:
            if slug in organizations:
                PartnerOrganization.objects.create(
                    project=project,
                    organization=organizations[slug],
                    status=PartnerStatus.ACCEPTED,
                )
                created += 1
        for output in data["outputs"]:
            ProjectOutput.objects.create(project=project, **output)
            created += 1
        created += _link(project)
    return created
