# ruff: noqa: RUF001 -- the seed keeps the typography of the source documents.
"""The organizations the network grew out of, as the seed documents describe them: the
deployment's founding membership (seeded as members; the secretariat changes it later)."""

from network.platform import sources

from .enums import OrganizationKind as Kind
from .enums import OrganizationStatus
from .models import Organization

SEE = ["AL", "BA", "BG", "HR", "MD", "ME", "RO", "RS", "XK", "MK", "TR"]
CIS = ["AM", "AZ", "BY", "GE", "KZ", "KG", "RU", "TJ", "TM", "UA", "UZ"]
# The joint reports on South Eastern Europe name no country list; the library's SEE list.
SEE_REPORTS = ["AL", "BA", "BG", "HR", "MD", "ME", "RO", "RS", "XK", "MK"]

# Where the source spells a name differently, the loader writes the usual spelling and says
# why here (the sources test allows exactly these).
CORRECTIONS = {
    "Caritas Lithuania": ("Carits Lithuania", "typing error in the CBSS page"),
    "Netherlands National Committee for UNICEF": (
        "Netherland National Committee for UNICEF",
        "the country's English name is the Netherlands",
    ),
    "Child trafficking in the Netherlands": (
        "Child trafficking in Netherland",
        "the country's English name is the Netherlands",
    ),
}

# Websites, headquarters and countries of work are filled in only where the sources give
# them; the organizations' focal points complete the rest.
ORGANIZATIONS = [
    {
        "slug": "unicef-irc",
        "name": "UNICEF Innocenti Research Centre",
        "acronym": "IRC",
        "kind": Kind.UN_AGENCY,
        "headquarters_country": "IT",
        "countries": ["IT", *SEE, *CIS, "BJ", "BF", "CM", "CI", "GA", "ML", "NG", "TG"],
        "website": "",
        "mandate": "The independent research arm of the United Nations dedicated to the "
        "protection of children and the promotion of child rights. Its research on Europe "
        "develops methodologies for gathering specific and reliable data on the trafficking "
        "of children.",
        "source_document": sources.WORKSHOP_2004,
        "source_quote": "The UNICEF Innocenti Research Centre (IRC) is the independent research "
        "arm of the United Nations dedicated to the protection of children and the promotion "
        "of child rights.",
    },
    {
        "slug": "unicef-ceecis",
        "name": "UNICEF Regional Office for CEE/CIS",
        "acronym": "UNICEF CEE/CIS",
        "kind": Kind.UN_AGENCY,
        "headquarters_country": "",
        "countries": [*SEE, *CIS],
        "website": "",
        "mandate": "UNICEF's regional office for Central and Eastern Europe and the "
        "Commonwealth of Independent States. The Innocenti study of child trafficking in Europe "
        "builds upon its research on child trafficking and that of UNICEF Country Offices and "
        "National Committees in Europe.",
        "source_document": sources.INNOCENTI_EUROPE,
        "source_quote": "Building upon research on child trafficking undertaken by the UNICEF "
        "Regional Office for CEE/CIS and by UNICEF Country Offices and National Committees in "
        "Europe",
    },
    {
        "slug": "iom",
        "name": "International Organization for Migration",
        "acronym": "IOM",
        "kind": Kind.INTERGOVERNMENTAL,
        "headquarters_country": "CH",
        "countries": ["BY", "UA", "RU", *SEE_REPORTS],
        "website": "https://www.iom.int/",
        "mandate": "The migration agency. Through its victim-centred Global Human Trafficking "
        "Database, used by 46 IOM missions, it collects standardized data on human trafficking "
        "and publishes research on the knowledge gaps that hold back counter-trafficking work.",
        "source_document": sources.IOM_2009,
        "source_quote": "Through implementation and management of the IOM victim-centred Global "
        "Human Trafficking Database, the Organization has gained extensive experience "
        "collecting information on human trafficking.",
    },
    {
        "slug": "nexus-institute",
        "name": "NEXUS Institute",
        "acronym": "NEXUS",
        "kind": Kind.RESEARCH,
        "headquarters_country": "AT",
        "countries": [],
        "website": "",
        "mandate": "A research institute in Vienna. With IOM (Geneva) it cooperates on methods "
        "and approaches in trafficking research: taking stock and exploring ways forward.",
        "source_document": sources.IOM_2009,
        "source_quote": "Cooperation IOM (Geneva) and NEXUS Institute (Vienna)",
    },
    {
        "slug": "cbss",
        "name": "Council of the Baltic Sea States",
        "acronym": "CBSS",
        "kind": Kind.INTERGOVERNMENTAL,
        "headquarters_country": "",
        "countries": [],
        "website": "",
        "mandate": "Led the project Information Management to Prevent Trafficking; its Expert "
        "Group on Children at Risk co-financed the 2011 Oslo conference. Its Working Group on "
        "Children at Risk addresses the situation of unaccompanied and trafficked children in "
        "the Baltic Sea area.",
        "source_document": sources.CBSS_PROJECT,
        "source_quote": "This project was led by the CBSS in partnership with Save the Children "
        "Denmark, Carits Lithuania and Tartu Child Support Centre in Estonia",
    },
    {
        "slug": "save-the-children-denmark",
        "name": "Save the Children Denmark",
        "acronym": "",
        "kind": Kind.NGO,
        "headquarters_country": "DK",
        "countries": ["DK"],
        "website": "",
        "mandate": "A partner of the CBSS project Information Management to Prevent Trafficking.",
        "source_document": sources.CBSS_PROJECT,
        "source_quote": "This project was led by the CBSS in partnership with Save the Children "
        "Denmark",
    },
    {
        "slug": "caritas-lithuania",
        "name": "Caritas Lithuania",
        "acronym": "",
        "kind": Kind.NGO,
        "headquarters_country": "LT",
        "countries": ["LT"],
        "website": "",
        "mandate": "A partner of the CBSS project Information Management to Prevent Trafficking.",
        "source_document": sources.CBSS_PROJECT,
        "source_quote": "in partnership with Save the Children Denmark, Carits Lithuania and "
        "Tartu Child Support Centre in Estonia",
    },
    {
        "slug": "tartu-child-support-centre",
        "name": "Tartu Child Support Centre",
        "acronym": "",
        "kind": Kind.NGO,
        "headquarters_country": "EE",
        "countries": ["EE"],
        "website": "",
        "mandate": "A child support centre in Tartu, Estonia; a partner of the CBSS project "
        "Information Management to Prevent Trafficking.",
        "source_document": sources.CBSS_PROJECT,
        "source_quote": "Tartu Child Support Centre in Estonia",
    },
    {
        "slug": "terre-des-hommes",
        "name": "Terre des Hommes",
        "acronym": "",
        "kind": Kind.NGO,
        "headquarters_country": "",
        "countries": ["AL", "MD", "RO", "XK"],
        "website": "",
        "mandate": "With UNICEF it assessed efforts to prevent child trafficking in South "
        "Eastern Europe (Albania, Republic of Moldova, Romania and Kosovo).",
        "source_document": sources.PUBLICATIONS_LIST,
        "source_quote": "UNICEF – Terre des Hommes Action to Prevent Child Trafficking in South "
        "Eastern Europe: A Preliminary Assessment",
    },
    {
        "slug": "osce-odihr",
        "name": "OSCE Office for Democratic Institutions and Human Rights",
        "acronym": "OSCE/ODIHR",
        "kind": Kind.INTERGOVERNMENTAL,
        "headquarters_country": "",
        "countries": SEE_REPORTS,
        "website": "",
        "mandate": "With UNICEF and UNOHCHR it reports on trafficking in human beings in South "
        "Eastern Europe and cooperates in monitoring the implementation of the National Plans "
        "of Action to Combat Trafficking.",
        "source_document": sources.PUBLICATIONS_LIST,
        "source_quote": "In 2002/2003 UNICEF, UNOHCHR and OSCE/ODIHR continue their "
        "co-operation aimed at monitoring the implementation of the National Plans of Action "
        "to Combat Trafficking",
    },
    {
        "slug": "ohchr",
        "name": "UN Office of the High Commissioner for Human Rights",
        "acronym": "UNOHCHR",
        "kind": Kind.UN_AGENCY,
        "headquarters_country": "",
        "countries": SEE_REPORTS,
        "website": "",
        "mandate": "Co-author, with UNICEF and OSCE/ODIHR, of the joint reports on trafficking "
        "in human beings in South Eastern Europe; with them it develops regional policy and "
        "program guidelines based on human rights.",
        "source_document": sources.PUBLICATIONS_LIST,
        "source_quote": "the UN Office of the High Commissioner for Human Rights (UNOHCHR)",
    },
    {
        "slug": "ipu",
        "name": "Inter-Parliamentary Union",
        "acronym": "",
        "kind": Kind.INTERGOVERNMENTAL,
        "headquarters_country": "",
        "countries": [],
        "website": "",
        "mandate": "With UNICEF it published 'Combating Child Trafficking: Handbook for "
        "Parliamentarians'.",
        "source_document": sources.PUBLICATIONS_LIST,
        "source_quote": "UNICEF – Inter-Parliamentary Union Combating Child Trafficking: "
        "Handbook for Parliamentarians",
    },
    {
        "slug": "unicef-nl",
        "name": "Netherlands National Committee for UNICEF",
        "acronym": "",
        "kind": Kind.NGO,
        "headquarters_country": "NL",
        "countries": ["NL"],
        "website": "",
        "mandate": "UNICEF's national committee in the Netherlands; its report 'Child trafficking "
        "in the Netherlands' gives a first impression of child trafficking in the Netherlands.",
        "source_document": sources.PUBLICATIONS_LIST,
        "source_quote": "Netherland National Committee for UNICEF Child trafficking in Netherland",
    },
    {
        "slug": "norway-bld",
        "name": "Norwegian Ministry of Children, Equality and Social Inclusion",
        "acronym": "",
        "kind": Kind.GOVERNMENT,
        "headquarters_country": "NO",
        "countries": ["NO"],
        "website": "",
        "mandate": "Financed, with the CBSS Expert Group on Children at Risk, the 2011 Oslo "
        "conference 'Trafficking in Children: A Criminal Act Calling for a Child Protection "
        "Response', held at the invitation of the Norwegian Minister of Children, Equality and "
        "Social Inclusion.",
        "source_document": sources.CBSS_PROJECT,
        "source_quote": "The additional conference was financed by the The Norwegian Ministry of "
        "Children, Equality and Social Inclusion and the CBSS Expert Group on Children at Risk.",
    },
]


def load():
    """Create the seed organizations that are missing. Existing ones are left as their focal
    points edited them, so running it again changes nothing."""
    created = 0
    for data in ORGANIZATIONS:
        if Organization.objects.filter(slug=data["slug"]).exists():
            continue
        organization = Organization(status=OrganizationStatus.MEMBER, **data)
        organization.full_clean()
        organization.save()
        created += 1
    return created
