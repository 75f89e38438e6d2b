# ruff: noqa: RUF001 -- the seed keeps the typography of the source documents.
"""The publications the network shipped with: the Innocenti hub's list of recent publications
on child trafficking, the Innocenti Insight on Europe, and IOM's research on knowledge gaps."""

from django.utils.text import slugify

from members.models import Organization
from network.platform import sources

from .enums import PublicationType as T
from .enums import Region as R
from .models import Publication

# The list spells one title and one publisher "Netherland"; the loader writes the usual
# spelling (the sources test allows exactly these corrections).
CORRECTIONS = {
    "Child trafficking in the Netherlands": (
        "Child trafficking in Netherland",
        "the country's English name is the Netherlands",
    ),
}

SEE = ["AL", "BA", "BG", "HR", "MD", "ME", "RO", "RS", "XK", "MK"]

PUBLICATIONS = [
    {
        "title": "Reference Guide on Protecting the Rights of Child Victims of Trafficking",
        "type": T.GUIDELINES,
        "publishers": [],
        "other_publishers": "UNICEF",
        "source_quote": "Child Trafficking UNICEF Reference Guide on Protecting the Rights of "
        "Child Victims of Trafficking",
        "regions": [R.EUROPE],
        "summary": "This Reference Guide is meant to serve as an implementation book for the "
        "UNICEF Guidelines on the Protection of the Rights of Child Victims of Trafficking as it "
        "gives information about the steps and procedures that constitute ‘good practice’ in "
        "the protection and assistance of child victims of trafficking. As such, the Guide is a "
        "practical tool for policy makers and practitioners from government, non-governmental "
        "and international organizations responsible for protecting and assisting child victims "
        "of trafficking across Europe.",
    },
    {
        "title": "Guidelines on the Protection of Child Victims of Trafficking",
        "type": T.GUIDELINES,
        "year": 2006,
        "month": 10,
        "publishers": [],
        "other_publishers": "UNICEF",
        "regions": [R.GLOBAL],
        "source_quote": "Child Trafficking UNICEF Guidelines on the Protection of Child Victims "
        "of Trafficking",
        "summary": "These guidelines are based on international human rights instruments and "
        "describe standards for the protection of trafficked children from their identification "
        "through to their recovery and integration. The aim of these guidelines is to assist "
        "governments and State actors, international organizations and NGOs or other service "
        "providers as a platform for developing policies and practices, at the national, "
        "bilateral and international levels.",
    },
    {
        "title": "Action to Prevent Child Trafficking in South Eastern Europe: "
        "A Preliminary Assessment",
        "type": T.EVALUATION,
        "year": 2006,
        "month": 6,
        "publishers": ["terre-des-hommes"],
        "other_publishers": "UNICEF",
        "source_quote": "Child Trafficking UNICEF – Terre des Hommes Action to Prevent Child "
        "Trafficking in South Eastern Europe: A Preliminary Assessment",
        "regions": [R.SOUTH_EASTERN_EUROPE],
        "countries": ["AL", "MD", "RO", "XK"],
        "summary": "This Report outlines some key findings and recommendations from an "
        "assessment of the efforts to prevent child trafficking in South Eastern Europe. Its "
        "main purpose is to increase understanding of the work on prevention of child "
        "trafficking, by looking at the effectiveness of different approaches and their "
        "impacts. The assessment covered Albania, Republic of Moldova, Romania and the UN "
        "Administered Province of Kosovo.",
    },
    {
        "title": "Evaluation of Anti-trafficking Policies in Romania",
        "type": T.EVALUATION,
        "publishers": [],
        "other_publishers": "UNICEF Romania",
        "source_quote": "Child Trafficking UNICEF Romania Evaluation of Anti-trafficking "
        "Policies in Romania",
        "regions": [R.SOUTH_EASTERN_EUROPE],
        "countries": ["RO"],
        "summary": "An evaluation of legislation, policy responses and the institutional "
        "framework to prevent trafficking in human beings in Romania, aiming to identify "
        "progress made, recommendations for necessary changes, and to outline the social "
        "perception of migration and trafficking of human beings in Romania.",
    },
    {
        "title": "Human Trafficking in the Russian Federation",
        "type": T.REPORT,
        "publishers": [],
        "other_publishers": "UN/IOM Working Group on Trafficking in Human Beings",
        "source_quote": "Child Trafficking UN/IOM Working Group on Trafficking in Human Beings "
        "Human Trafficking in the Russian Federation",
        "regions": [R.CIS],
        "countries": ["RU"],
        "summary": "This report presents an overview of the current situation and responses to "
        "trafficking in human beings in the Russian Federation up to December 2005.",
    },
    {
        "title": "Trafficking for Sexual Exploitation and other Exploitative Purposes",
        "type": T.REPORT,
        "publishers": ["unicef-irc"],
        "regions": [R.SOUTH_ASIA],
        "source_quote": "Child Trafficking UNICEF Innocenti Research Centre Trafficking for "
        "Sexual Exploitation and other Exploitative Purposes",
        "summary": "This report on the protection of children from commercial sexual "
        "exploitation and trafficking examines law and policy on child trafficking in South "
        "Asia. Other ‘issues’ addressed within the report include: local governance, local "
        "action and child protection; the efficacy of cross border interventions in the "
        "prevention of trafficking and commercial sexual exploitation; and, migration, mobility "
        "and challenges to child protection.",
    },
    {
        "title": "Trafficking in Human Beings in South Eastern Europe 2004",
        "type": T.REPORT,
        "year": 2004,
        "publishers": ["ohchr", "osce-odihr"],
        "other_publishers": "UNICEF",
        "source_quote": "Child Trafficking UNICEF - UNOHCHR - OSCE/ODIHR Trafficking in Human "
        "Beings in South Eastern Europe 2004",
        "regions": [R.SOUTH_EASTERN_EUROPE],
        "countries": SEE,
        "summary": "The report examines the efforts of governments, international and local "
        "NGOs to prevent trafficking, raise awareness and assist victims. It finds that "
        "anti-trafficking measures are still dominated by repressive measures to prevent "
        "migration, prostitution and organised crime.",
    },
    {
        "title": "Let's talk: Developing effective communication with children victims of "
        "violence and trafficking",
        "type": T.HANDBOOK,
        "publishers": [],
        "other_publishers": "UNICEF Kosovo Office",
        "regions": [R.SOUTH_EASTERN_EUROPE],
        "countries": ["XK"],
        "languages": ["en", "sq", "sh"],
        "source_quote": "UNICEF Kosovo Office Let's talk, Developing effective communication "
        "with children victims of violence and trafficking.",
        "summary": "A handbook for social workers, police and other professionals working with "
        "children victims of abuse. Available in English, Albanian and Serbo-Croat.",
    },
    {
        "title": "Trafficking in Children in Kosovo",
        "type": T.REPORT,
        "publishers": [],
        "other_publishers": "UNICEF Kosovo Office",
        "regions": [R.SOUTH_EASTERN_EUROPE],
        "countries": ["XK"],
        "languages": ["en", "sq"],
        "source_quote": "Child Trafficking UNICEF Kosovo Office Trafficking in Children in Kosovo.",
        "summary": "A study on protection and assistance provided to children victims of "
        "trafficking. The study was conducted to assess to what extent the recommendations made "
        "in the ‘UNICEF Guidelines for Protection of the Rights of Child Victims of Trafficking "
        "in South Eastern Europe’ are being implemented in Kosovo.",
    },
    {
        "title": "Trafficking in Human Beings in Africa, especially Women and Children",
        "type": T.REPORT,
        "publishers": ["unicef-irc"],
        "regions": [R.AFRICA],
        "source_quote": "Child Trafficking UNICEF Innocenti Research Centre Trafficking in Human "
        "beings in Africa, especially Women and Children",
        "summary": "The struggle against trafficking of human beings has gathered considerable "
        "momentum over recent years. This research focuses on the situation of Africa, drawing "
        "a preliminary map of trafficking patterns on the continent and providing an indication "
        "of emerging good practices in the area of policy responses and legislative framework.",
    },
    {
        "title": "Child Trafficking in West Africa",
        "type": T.BOOK,
        "publishers": ["unicef-irc"],
        "source_quote": "Book UNICEF Innocenti Research Centre Child Trafficking in West Africa",
        "regions": [R.WEST_CENTRAL_AFRICA],
        "countries": ["BJ", "BF", "CM", "CI", "GA", "ML", "NG", "TG"],
        "summary": "UNICEF Innocenti Research Centre activity on child trafficking started in "
        "1998 with research on child trafficking in Western and Central Africa, developed with "
        "the UNICEF Western and Central Africa Regional Office. This study focuses on a region "
        "that is badly affected by child trafficking and analyses the phenomenon in eight "
        "countries: Benin, Burkina Faso, Cameroon, Côte d'Ivoire, Gabon, Mali, Nigeria and "
        "Togo.",
    },
    {
        "title": "Child trafficking in the Netherlands",
        "type": T.BOOK,
        "publishers": ["unicef-nl"],
        "source_quote": "Book Netherland National Committee for UNICEF Child trafficking in "
        "Netherland",
        "regions": [R.EU_WESTERN_EUROPE],
        "countries": ["NL"],
        "summary": "This report gives a first impression of child trafficking in the "
        "Netherlands, for sexual purposes as well as for exploitation in other sectors. The "
        "researchers interviewed 40 key persons — the police, public prosecutor, immigration "
        "service, researchers, social welfare — about what they know through their work about "
        "child trafficking and which obstacles they encounter in their fight against it. The "
        "report calls for action on part of the government to implement international law, "
        "with the best interest of the child in mind.",
    },
    {
        "title": "Trafficking in human beings in Southeastern Europe",
        "type": T.REPORT,
        "publishers": ["ohchr", "osce-odihr"],
        "other_publishers": "UNICEF",
        "source_quote": "In 2001/2002, within the framework of the Stability Pact Trafficking "
        "Task Force, the United Nations Children's Fund (UNICEF), the UN Office of the High "
        "Commissioner for Human Rights (UNOHCHR) and the OSCE Office for Democratic "
        "Institutions and Human Rights (OSCE/ODIHR) commissioned this joint report.",
        "regions": [R.SOUTH_EASTERN_EUROPE],
        "countries": SEE,
        "summary": "In 2001/2002, within the framework of the Stability Pact Trafficking Task "
        "Force, the United Nations Children's Fund (UNICEF), the UN Office of the High "
        "Commissioner for Human Rights (UNOHCHR) and the OSCE Office for Democratic "
        "Institutions and Human Rights (OSCE/ODIHR) commissioned this joint report. The report "
        "presents the situation of and responses to trafficking in human beings in SEE "
        "countries.",
    },
    {
        "title": "Combating Child Trafficking: Handbook for Parliamentarians",
        "type": T.HANDBOOK,
        "publishers": ["ipu"],
        "other_publishers": "UNICEF",
        "source_quote": "Child Trafficking UNICEF – Inter-Parliamentary Union Combating Child "
        "Trafficking: Handbook for Parliamentarians",
        "regions": [R.GLOBAL],
        "summary": "This handbook addresses some of the key measures that parliamentarians can "
        "take to end child trafficking. It outlines specific steps — including laws, policies "
        "and advocacy efforts — which parliamentarians around the world are taking to make "
        "children safer from this scourge.",
    },
    {
        "title": "Child Trafficking in Europe: A broad vision to put children first",
        "type": T.REPORT,
        "publishers": ["unicef-irc"],
        "regions": [R.EU_WESTERN_EUROPE, R.SOUTH_EASTERN_EUROPE, R.CIS],
        "source_document": sources.INNOCENTI_EUROPE,
        "source_quote": "The UNICEF Innocenti Research Centre (IRC) Insight, ‘Child Trafficking "
        "in Europe: A broad vision to put children first‘ examines how the European region is "
        "responding to child trafficking.",
        "summary": "An Innocenti Insight that examines how the European region is responding to "
        "child trafficking. It assesses the legal, policy and implementation frameworks in "
        "place to address this phenomenon, which affects the lives of untold numbers of "
        "children and families in the region, and calls for a more comprehensive approach "
        "that strengthens national and community-based child protection systems.",
    },
    {
        "title": "Human Trafficking: New Directions for Research",
        "type": T.REPORT,
        "year": 2009,
        "publishers": ["iom"],
        "source_document": sources.IOM_2009,
        "source_quote": "« Human Trafficking: New Directions for Research » (IOM, 2009)",
        "regions": [R.GLOBAL],
        "summary": "Research and data are needed to understand the complexities of human "
        "trafficking and combat it effectively. The report reviews the limitations of current "
        "approaches and the knowledge gaps: conceptual clarity and definitions, too few "
        "standardized data collection methods, data that is not comparable, figures based on "
        "estimates, a focus on women and children trafficked for sexual exploitation, "
        "under-researched internal trafficking, and little evaluation and impact assessment.",
    },
    {
        "title": "Trafficking of men – a trend less considered: The case of Belarus and Ukraine",
        "type": T.REPORT,
        "publishers": ["iom"],
        "regions": [R.CIS],
        "countries": ["BY", "UA"],
        "summary": "One of IOM's new publications on male trafficking and male smuggling: the "
        "trafficking of men, a trend less considered, in Belarus and Ukraine.",
        "source_document": sources.IOM_2009,
        "source_quote": "New publications on male trafficking and male smuggling",
    },
]


# What each publication informs, by the start of the gap's and the priority's seeded titles.
LINKS = {
    "Child Trafficking in Europe: A broad vision": (
        [
            "No harmonized data disaggregated",
            "Internal trafficking is under-researched",
            "Scarce information on child trafficking in Central Asia",
            "Less documentation in the EU",
            "National definitions of trafficking",
        ],
        ["Information gaps on the patterns"],
    ),
    "Human Trafficking: New Directions for Research": (
        [
            "Data collected with non-standardized methods",
            "Figures on the magnitude",
            "No baseline",
            "Little evaluation and impact assessment",
            "Links between trafficking and development",
        ],
        ["Methods and approaches in trafficking research"],
    ),
    "Trafficking of men": (["Trafficking of men and boys"], ["Trafficking of males"]),
    "Evaluation of Anti-trafficking Policies in Romania": (
        ["Little evaluation and impact assessment"],
        ["Information gaps on responses"],
    ),
    "Action to Prevent Child Trafficking in South Eastern Europe": (
        [],
        ["Information gaps on responses"],
    ),
    "Child trafficking in the Netherlands": (
        ["Almost no data on trafficking of children for labour"],
        [],
    ),
}


def _link(publication):
    from network.agenda.models import ResearchPriority
    from network.gaps.models import DataGap

    for start, (gap_titles, priority_titles) in LINKS.items():
        if not publication.title.startswith(start):
            continue
        for title in gap_titles:
            publication.gaps.add(*DataGap.objects.filter(title__startswith=title))
        for title in priority_titles:
            publication.priorities.add(*ResearchPriority.objects.filter(title__startswith=title))


def load():
    """Create the publications that are missing (by slug), linked to the gaps and priorities
    they inform; existing ones are left alone, links included."""
    organizations = {o.slug: o for o in Organization.objects.all()}
    created = []
    for data in PUBLICATIONS:
        data = dict(data)
        slug = slugify(data["title"])[:100]
        if Publication.objects.filter(slug=slug).exists():
            continue
        publisher_slugs = data.pop("publishers")
        data.setdefault("source_document", sources.PUBLICATIONS_LIST)
        publication = Publication(slug=slug, **data)
        publication.full_clean()
        publication.save()
        publication.publishers.set(
            [organizations[s] for s in publisher_slugs if s in organizations]
        )
        _link(publication)
        created.append(publication)
    if created:
        # Publishers were set after the save signal indexed each row: index them again
        # so that a search for "IOM" finds IOM's publications.
        from wagtail.search.backends import get_search_backend

        backend = get_search_backend()
        for publication in created:
            backend.add(publication)
    return len(created)
