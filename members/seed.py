"""The organizations the network grew out of, as the seed documents describe them."""

from .enums import OrganizationKind as Kind
from .enums import OrganizationStatus
from .models import Organization

SEE = ["AL", "BA", "BG", "HR", "MD", "ME", "RO", "RS", "XK", "MK", "TR"]
CIS = ["AM", "AZ", "BY", "GE", "KZ", "KG", "RU", "TJ", "TM", "UA", "UZ"]
BALTIC_SEA = ["DK", "EE", "FI", "DE", "IS", "LV", "LT", "NO", "PL", "RU", "SE"]

ORGANIZATIONS = [
    {
        "slug": "unicef-irc",
        "name": "UNICEF Innocenti Research Centre",
        "acronym": "IRC",
        "kind": Kind.UN_AGENCY,
        "headquarters_country": "IT",
        "countries": ["IT", *SEE, *CIS, "BJ", "BF", "CM", "CI", "GA", "ML", "NG", "TG"],
        "website": "https://www.unicef-irc.org/",
        "mandate": "The independent research arm of the United Nations dedicated to the "
        "protection of children and the promotion of child rights. Its research on Europe "
        "develops methodologies for gathering specific and reliable data on the trafficking "
        "of children.",
    },
    {
        "slug": "unicef-ceecis",
        "name": "UNICEF Regional Office for CEE/CIS",
        "acronym": "UNICEF CEE/CIS",
        "kind": Kind.UN_AGENCY,
        "headquarters_country": "CH",
        "countries": [*SEE, *CIS],
        "website": "https://www.unicef.org/eca/",
        "mandate": "UNICEF's regional office for Central and Eastern Europe and the "
        "Commonwealth of Independent States. Its research on child trafficking, with UNICEF "
        "country offices, underpins the Innocenti study of the wider European region.",
    },
    {
        "slug": "iom",
        "name": "International Organization for Migration",
        "acronym": "IOM",
        "kind": Kind.INTERGOVERNMENTAL,
        "headquarters_country": "CH",
        "countries": ["BY", "UA", "RU", *SEE],
        "website": "https://www.iom.int/",
        "mandate": "The migration agency. Through its victim-centred Global Human Trafficking "
        "Database, used by 46 IOM missions, it collects standardized data on human trafficking "
        "and publishes research on the knowledge gaps that hold back counter-trafficking work.",
    },
    {
        "slug": "nexus-institute",
        "name": "NEXUS Institute",
        "acronym": "NEXUS",
        "kind": Kind.RESEARCH,
        "headquarters_country": "AT",
        "countries": ["AT", *SEE],
        "website": "https://nexusinstitute.net/",
        "mandate": "An independent research institute in Vienna. With IOM it takes stock of "
        "methods and approaches in trafficking research and explores ways forward.",
    },
    {
        "slug": "cbss",
        "name": "Council of the Baltic Sea States",
        "acronym": "CBSS",
        "kind": Kind.INTERGOVERNMENTAL,
        "headquarters_country": "SE",
        "countries": BALTIC_SEA,
        "website": "https://cbss.org/",
        "mandate": "Led the project Information Management to Prevent Trafficking, which mapped "
        "information structures on child trafficking in the Baltic Sea region; its Expert "
        "Group on Children at Risk co-financed the 2011 Oslo conference.",
    },
    {
        "slug": "save-the-children-denmark",
        "name": "Save the Children Denmark",
        "acronym": "",
        "kind": Kind.NGO,
        "headquarters_country": "DK",
        "countries": ["DK", "LT", "EE"],
        "website": "https://redbarnet.dk/",
        "mandate": "A children's rights organization; a partner of the CBSS project Information "
        "Management to Prevent Trafficking, strengthening national networks that prevent child "
        "trafficking.",
    },
    {
        "slug": "caritas-lithuania",
        "name": "Caritas Lithuania",
        "acronym": "",
        "kind": Kind.NGO,
        "headquarters_country": "LT",
        "countries": ["LT"],
        "website": "https://www.caritas.lt/",
        "mandate": "A social-service organization in Lithuania; a partner of the CBSS project "
        "Information Management to Prevent Trafficking.",
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
    },
    {
        "slug": "terre-des-hommes",
        "name": "Terre des Hommes",
        "acronym": "Tdh",
        "kind": Kind.NGO,
        "headquarters_country": "CH",
        "countries": ["AL", "MD", "RO", "XK"],
        "website": "https://www.tdh.org/",
        "mandate": "A child relief organization; with UNICEF it assessed efforts to prevent "
        "child trafficking in South Eastern Europe (Albania, Moldova, Romania and Kosovo).",
    },
    {
        "slug": "osce-odihr",
        "name": "OSCE Office for Democratic Institutions and Human Rights",
        "acronym": "OSCE/ODIHR",
        "kind": Kind.INTERGOVERNMENTAL,
        "headquarters_country": "PL",
        "countries": SEE,
        "website": "https://www.osce.org/odihr",
        "mandate": "With UNICEF and UNOHCHR it reports on trafficking in human beings in South "
        "Eastern Europe and monitors the National Plans of Action to combat trafficking.",
    },
    {
        "slug": "ohchr",
        "name": "Office of the UN High Commissioner for Human Rights",
        "acronym": "OHCHR",
        "kind": Kind.UN_AGENCY,
        "headquarters_country": "CH",
        "countries": SEE,
        "website": "https://www.ohchr.org/",
        "mandate": "Promotes and protects human rights; co-author of the joint reports on "
        "trafficking in human beings in South Eastern Europe and of regional guidelines based "
        "on human rights.",
    },
    {
        "slug": "ipu",
        "name": "Inter-Parliamentary Union",
        "acronym": "IPU",
        "kind": Kind.INTERGOVERNMENTAL,
        "headquarters_country": "CH",
        "countries": [],
        "website": "https://www.ipu.org/",
        "mandate": "The global organization of national parliaments; with UNICEF it published "
        "'Combating Child Trafficking: Handbook for Parliamentarians'.",
    },
    {
        "slug": "unicef-nl",
        "name": "Netherlands National Committee for UNICEF",
        "acronym": "UNICEF NL",
        "kind": Kind.NGO,
        "headquarters_country": "NL",
        "countries": ["NL"],
        "website": "https://www.unicef.nl/",
        "mandate": "UNICEF's national committee in the Netherlands; its report 'Child trafficking "
        "in the Netherlands' gave the first picture of trafficking of children there for sexual "
        "and other exploitation.",
    },
    {
        "slug": "norway-bld",
        "name": "Norwegian Ministry of Children, Equality and Social Inclusion",
        "acronym": "",
        "kind": Kind.GOVERNMENT,
        "headquarters_country": "NO",
        "countries": ["NO"],
        "website": "https://www.regjeringen.no/en/dep/bfd/",
        "mandate": "Hosted and financed the 2011 Oslo conference 'Trafficking in Children: A "
        "Criminal Act Calling for a Child Protection Response'.",
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
