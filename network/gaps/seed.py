# ruff: noqa: RUF001 -- the seed keeps the typography of the source documents.
"""The 51 countries and entities of the Innocenti study 'Child Trafficking in Europe: A broad
vision to put children first' (annex), in its three sub-regions."""

from network.platform import sources

from .enums import Area, Disaggregation, EmptyReason, ExploitationForm, Severity
from .models import Country, DataGap, GapEvidence, GapStatusChange, Indicator, SubRegion

# Evidence cites the sources as they name themselves; no year or address they do not give.
IRC_STUDY = {
    "title": "Child Trafficking in Europe: A broad vision to put children first "
    "(UNICEF Innocenti Research Centre)",
    "url": "",
}
IOM_2009 = {
    "title": "Human Trafficking: New Directions for Research (IOM, 2009)",
    "url": "https://www.iom.int/",
}
IOM_PRESENTATION = {
    "title": "IOM Research and Data Collection on Human Trafficking and Exploitation "
    "(Christine Aghazarm, IOM Research and Publications Unit, Geneva, 9 July 2009)",
    "url": "",
}
NOT_STATED = "Not stated in the sources."
INDICATOR_QUOTE = (
    "Data should be disaggregated, including by age, gender, national origin and different "
    "forms of exploitation, using standardized indicators that are internationally comparable "
    "and facilitate long-term monitoring of progress."
)
SERIES_QUOTE = (
    "Recent IOM initiatives to address knowledge gaps: IOM Global Human Trafficking Database "
    "- Thematic Research Series: - Trafficking of males - Re-trafficking;"
)
# Seeded titles the sources did not support, and what they became (the loader renames them
# once, so an existing register is corrected rather than duplicated).
RENAMED = {
    "The impact of anti-trafficking policies has never been evaluated": (
        "Little evaluation and impact assessment of anti-trafficking policies"
    ),
    "Re-trafficking is barely documented": "Re-trafficking is a knowledge gap",
}
ALL_STUDY_REGIONS = ["eu-western-europe", "south-eastern-europe", "cis"]
ALL_DISAGGREGATIONS = [d.value for d in Disaggregation]
NON_SEXUAL = [
    ExploitationForm.LABOUR,
    ExploitationForm.DOMESTIC,
    ExploitationForm.BEGGING,
    ExploitationForm.CRIMINAL,
    ExploitationForm.OTHER,
]

# The register the network starts from: the data challenges of the Innocenti study and the
# knowledge gaps IOM listed. Keyed by title: a second load creates nothing.
GAPS = [
    {
        "title": "No harmonized data disaggregated by age, gender, national origin and form of "
        "exploitation",
        "description": "There is a dramatic absence of harmonized and systematic data "
        "collection, analysis and dissemination on children affected by trafficking, at the "
        "international, regional and national levels. Available data are rarely disaggregated "
        "by age, gender, national origin or forms of exploitation; where they are, they inform "
        "national policies and responses.",
        "area": Area.DISAGGREGATION,
        "sub_regions": ALL_STUDY_REGIONS,
        "missing_disaggregations": ALL_DISAGGREGATIONS,
        "empty_reason": EmptyReason.NOT_COLLECTED,
        "severity": Severity.CRITICAL,
        "reporter": "unicef-irc",
        "evidence": [IRC_STUDY],
        "source_document": sources.INNOCENTI_EUROPE,
        "source_quote": "Available data are rarely disaggregated by age, gender, national origin "
        "or forms of exploitation.",
    },
    {
        "title": "Almost no data on trafficking of children for labour and other non-sexual "
        "purposes",
        "description": "Most available statistics concern trafficking connected with sexual "
        "exploitation; there is almost no data on children trafficked for labour, domestic "
        "servitude, begging, criminal activities or other exploitative purposes, although the "
        "study found all of them in Europe. Research has focused on women and children "
        "trafficked for sexual exploitation.",
        "area": Area.FORMS,
        "sub_regions": ALL_STUDY_REGIONS,
        "forms": NON_SEXUAL,
        "missing_disaggregations": [Disaggregation.FORM],
        "empty_reason": EmptyReason.NOT_COLLECTED,
        "severity": Severity.HIGH,
        "reporter": "unicef-irc",
        "evidence": [IRC_STUDY, IOM_2009],
        "source_document": sources.INNOCENTI_EUROPE,
        "source_quote": "Most of the available statistics concern trafficking connected with "
        "sexual exploitation and there is almost no data available on the trafficking of "
        "children for labour or other purposes.",
    },
    {
        "title": "Internal trafficking is under-researched",
        "description": "Internal trafficking, which does not involve the crossing of "
        "international borders, is reported to occur in half of all countries in Europe, "
        "including in Western Europe; IOM finds it under-researched.",
        "area": Area.FLOWS,
        "sub_regions": ALL_STUDY_REGIONS,
        "empty_reason": EmptyReason.NOT_COLLECTED,
        "severity": Severity.HIGH,
        "reporter": "iom",
        "evidence": [IRC_STUDY, IOM_2009],
        "source_document": sources.IOM_2009,
        "source_quote": "Internal trafficking, links with development under-researched",
    },
    {
        "title": "Scarce information on child trafficking in Central Asia",
        "description": "While there is a great deal of data on trafficking in South-Eastern "
        "Europe and the western CIS, scarce information is available on Central Asia.",
        "area": Area.FLOWS,
        "countries": ["KZ", "KG", "TJ", "TM", "UZ"],
        "empty_reason": EmptyReason.NOT_COLLECTED,
        "severity": Severity.HIGH,
        "reporter": "unicef-irc",
        "evidence": [IRC_STUDY],
        "source_document": sources.INNOCENTI_EUROPE,
        "source_quote": "there is far less documentation available in the European Union and "
        "other Western European countries, and scarce information available on Central Asia.",
    },
    {
        "title": "Less documentation in the EU and other Western European countries",
        "description": "Far less documentation on child trafficking is available in the "
        "European Union and other Western European countries than in South-Eastern Europe and "
        "the western CIS, although they are important countries of destination, origin and "
        "transit.",
        "area": Area.FLOWS,
        "sub_regions": ["eu-western-europe"],
        "empty_reason": EmptyReason.NOT_COLLECTED,
        "severity": Severity.MEDIUM,
        "reporter": "unicef-irc",
        "evidence": [IRC_STUDY],
        "source_document": sources.INNOCENTI_EUROPE,
        "source_quote": "there is far less documentation available in the European Union and "
        "other Western European countries",
    },
    {
        "title": "National definitions of trafficking make data incomparable",
        "description": "Inconsistent definitions of trafficking at the national level, and a "
        "tendency to treat child trafficking as a sub-issue of trafficking in human beings, "
        "mean that figures from different countries do not count the same thing. Conceptual "
        "clarity is missing.",
        "area": Area.DEFINITIONS,
        "sub_regions": ALL_STUDY_REGIONS,
        "empty_reason": EmptyReason.NOT_COMPARABLE,
        "severity": Severity.HIGH,
        "reporter": "unicef-irc",
        "evidence": [IRC_STUDY, IOM_2009],
        "source_document": sources.INNOCENTI_EUROPE,
        "source_quote": "Definitions of trafficking in human beings also vary significantly in "
        "national law.",
    },
    {
        "title": "Data collected with non-standardized methods cannot be compared",
        "description": "Too few data-collection efforts employ standardized methods and "
        "measures; the data gathered is not comparable and its potential use is limited.",
        "area": Area.COMPARABILITY,
        "sub_regions": ALL_STUDY_REGIONS,
        "empty_reason": EmptyReason.NOT_COMPARABLE,
        "severity": Severity.HIGH,
        "reporter": "iom",
        "evidence": [IOM_2009],
        "source_document": sources.IOM_2009,
        "source_quote": "Too few data collection methods stand to employ standardized methods "
        "and measures",
    },
    {
        "title": "Trafficking of men and boys: a trend less considered",
        "description": "IOM finds research focused on women and children trafficked for sexual "
        "exploitation; it lists trafficking of males in its thematic research series and "
        "published a study of the trafficking of men, 'a trend less considered', in Belarus "
        "and Ukraine.",
        "area": Area.FORMS,
        "countries": ["UA", "BY"],
        "missing_disaggregations": [Disaggregation.SEX],
        "empty_reason": EmptyReason.NOT_COLLECTED,
        "severity": Severity.MEDIUM,
        "reporter": "iom",
        "evidence": [
            {
                "title": "Trafficking of men – a trend less considered: The case of Belarus "
                "and Ukraine (IOM)",
                "url": "",
            }
        ],
        "source_document": sources.IOM_2009,
        "source_quote": "Focus on women and children for sexual exploitation",
    },
    {
        "title": "Re-trafficking is a knowledge gap",
        "description": "IOM lists re-trafficking in its thematic research series, among its "
        "initiatives to address knowledge gaps; its database holds data on patterns of "
        "exploitation and re-trafficking of the cases IOM identified and assisted.",
        "area": Area.FLOWS,
        "empty_reason": EmptyReason.NOT_COLLECTED,
        "severity": Severity.MEDIUM,
        "reporter": "iom",
        "evidence": [IOM_PRESENTATION],
        "source_document": sources.IOM_2009,
        "source_quote": SERIES_QUOTE,
    },
    {
        "title": "Little evaluation and impact assessment of anti-trafficking policies",
        "description": "There is little evaluation and impact assessment: a dearth of "
        "empirical data limits the ability to tell whether strategies improve the protection "
        "of trafficked children, and there is no unified approach to following up and "
        "monitoring the implementation of National Action Plans.",
        "area": Area.IMPACT,
        "sub_regions": ALL_STUDY_REGIONS,
        "empty_reason": EmptyReason.NOT_COLLECTED,
        "severity": Severity.HIGH,
        "reporter": "iom",
        "evidence": [IOM_2009, IRC_STUDY],
        "source_document": sources.IOM_2009,
        "source_quote": "Little evaluation and impact assessment",
    },
    {
        "title": "Unidentified victims that an assistance database cannot count",
        "description": "Case databases record the people who were identified and assisted. "
        "The discrepancy between reported and unreported cases, and the lack of access to "
        "victims, mean that those never identified stay outside every count.",
        "area": Area.COMPARABILITY,
        "sub_regions": ALL_STUDY_REGIONS,
        "empty_reason": EmptyReason.NOT_COLLECTED,
        "severity": Severity.HIGH,
        "reporter": "iom",
        "evidence": [IOM_PRESENTATION, IRC_STUDY],
        "source_document": sources.IOM_2009,
        "source_quote": "An unknown number of victims remain unidentified and unassisted.",
    },
    {
        "title": "Figures on the magnitude of child trafficking are based on estimates",
        "description": "There are no comprehensive and accurate statistics on the number of "
        "children trafficked within Europe or worldwide; few reliable estimates exist and "
        "figures are often based on estimates.",
        "area": Area.COMPARABILITY,
        "sub_regions": ALL_STUDY_REGIONS,
        "missing_disaggregations": [Disaggregation.AGE],
        "empty_reason": EmptyReason.NOT_COLLECTED,
        "severity": Severity.HIGH,
        "reporter": "unicef-irc",
        "evidence": [IRC_STUDY, IOM_2009],
        "source_document": sources.INNOCENTI_EUROPE,
        "source_quote": "There are no comprehensive and accurate statistics on the number of "
        "children trafficked within Europe, or the number of children trafficked worldwide.",
    },
    {
        "title": "No baseline to measure trafficking and anti-trafficking initiatives against",
        "description": "Without an adequate baseline it is difficult to assess the severity of "
        "the phenomenon and changing trends, or to target responses; this holds back efforts "
        "at the local, national, regional and international level.",
        "area": Area.IMPACT,
        "sub_regions": ALL_STUDY_REGIONS,
        "empty_reason": EmptyReason.NOT_COLLECTED,
        "severity": Severity.CRITICAL,
        "reporter": "iom",
        "evidence": [IOM_2009],
        "source_document": sources.IOM_2009,
        "source_quote": "No adequate baseline to measure trafficking and anti-trafficking "
        "initiatives against",
    },
    {
        "title": "Links between trafficking and development are under-researched",
        "description": "IOM finds the links between trafficking and development "
        "under-researched and lists trafficking and development in its thematic research "
        "series.",
        "area": Area.ROOT_CAUSES,
        "empty_reason": EmptyReason.NOT_COLLECTED,
        "severity": Severity.MEDIUM,
        "reporter": "iom",
        "evidence": [IOM_2009],
        "source_document": sources.IOM_2009,
        "source_quote": "Internal trafficking, links with development under-researched",
    },
]

INDICATORS = [
    {
        "name": "Identified child victims of trafficking",
        "definition": "Children identified as trafficked by any competent authority or service "
        "provider in a year, counted once each.",
        "unit": "children per year",
        "disaggregations": ALL_DISAGGREGATIONS,
        "data_sources": "IOM Global Human Trafficking Database (IOM-identified and assisted "
        "cases only); criminal statistics on trafficking.",
        "gaps": [0, 11],
    },
    {
        "name": "Child victims trafficked for non-sexual exploitation",
        "definition": "Share of identified child victims trafficked for labour, domestic "
        "servitude, begging, criminal activities or other non-sexual purposes.",
        "unit": "% of identified child victims",
        "disaggregations": [Disaggregation.AGE, Disaggregation.SEX, Disaggregation.FORM],
        "data_sources": NOT_STATED,
        "gaps": [1],
    },
    {
        "name": "Children trafficked within their own country",
        "definition": "Identified child victims whose trafficking did not involve crossing an "
        "international border.",
        "unit": "children per year",
        "disaggregations": [Disaggregation.AGE, Disaggregation.SEX, Disaggregation.FORM],
        "data_sources": NOT_STATED,
        "gaps": [2, 3],
    },
    {
        "name": "Countries whose legal definition of child trafficking follows the Palermo "
        "Protocol",
        "definition": "Countries whose national law defines child trafficking without "
        "requiring means (force, fraud, coercion), as the Palermo Protocol does for children.",
        "unit": "countries",
        "disaggregations": [],
        "data_sources": "National legislation.",
        "gaps": [5],
    },
    {
        "name": "Countries with a national data-collection system on child trafficking",
        "definition": "Countries that collect data on trafficked children centrally, with "
        "standard definitions, disaggregated by age, sex, nationality and form of "
        "exploitation, and publish them.",
        "unit": "countries",
        "disaggregations": [],
        "data_sources": NOT_STATED,
        "gaps": [0, 6],
    },
    {
        "name": "Re-trafficked persons among assisted victims",
        "definition": "Share of assisted victims recorded as having been trafficked more than "
        "once.",
        "unit": "% of assisted victims",
        "disaggregations": [Disaggregation.AGE, Disaggregation.SEX, Disaggregation.NATIONALITY],
        "data_sources": "IOM Global Human Trafficking Database.",
        "gaps": [8],
    },
    {
        "name": "Male victims among identified victims",
        "definition": "Share of identified victims, children and adults apart, who are men or "
        "boys.",
        "unit": "% of identified victims",
        "disaggregations": [Disaggregation.AGE, Disaggregation.FORM],
        "data_sources": "IOM Global Human Trafficking Database.",
        "gaps": [7],
    },
    {
        "name": "Anti-trafficking measures with an impact evaluation",
        "definition": "Share of the measures in a National Action Plan whose impact on "
        "trafficked or at-risk children has been evaluated against a baseline.",
        "unit": "% of measures",
        "disaggregations": [],
        "data_sources": "National Action Plans and the monitoring of their implementation.",
        "gaps": [9, 12],
    },
    {
        "name": "Presumed victims not formally identified",
        "definition": "Children referred as presumed victims who were never formally "
        "identified or assisted, estimated with a stated method.",
        "unit": "children per year",
        "disaggregations": ALL_DISAGGREGATIONS,
        "data_sources": NOT_STATED,
        "gaps": [10, 11],
    },
]

SUB_REGIONS = [
    {
        "slug": "eu-western-europe",
        "name": "EU and other Western European countries",
        "description": "The European Union and the non-EU members in Western Europe "
        "(Iceland, Liechtenstein, Norway and Switzerland).",
        "countries": {
            "AT": "",
            "BE": "",
            "CY": "",
            "CZ": "Czech Republic",
            "DK": "",
            "EE": "",
            "FI": "",
            "FR": "",
            "DE": "",
            "GR": "",
            "HU": "",
            "IS": "",
            "IE": "",
            "IT": "",
            "LV": "",
            "LI": "",
            "LT": "",
            "LU": "",
            "MT": "",
            "NL": "",
            "NO": "",
            "PL": "",
            "PT": "",
            "SK": "",
            "SI": "",
            "ES": "",
            "SE": "",
            "CH": "",
            "GB": "United Kingdom",
        },
    },
    {
        "slug": "south-eastern-europe",
        "name": "South-Eastern Europe",
        "description": "Grouped according to regional cooperation agreements such as the "
        "Stability Pact Task Force on Trafficking in Human Beings.",
        "countries": {
            "AL": "",
            "BA": "",
            "BG": "",
            "HR": "",
            "MD": "Moldova",
            "ME": "",
            "RO": "",
            "RS": "Serbia",
            "XK": "UN-administered Province of Kosovo",
            "MK": "The former Yugoslav Republic of Macedonia",
            "TR": "Turkey",
        },
    },
    {
        "slug": "cis",
        "name": "Commonwealth of Independent States",
        "description": "Including Turkmenistan as an associate member after it discontinued "
        "full membership of the CIS in 2005.",
        "countries": {
            "AM": "",
            "AZ": "",
            "BY": "",
            "GE": "",
            "KZ": "",
            "KG": "",
            "RU": "Russian Federation",
            "TJ": "",
            "TM": "",
            "UA": "",
            "UZ": "",
        },
    },
]


def load():
    """Create missing sub-regions and countries, then the register when its reporting
    organizations exist (the agenda's seed loads it otherwise); existing rows are left alone."""
    return load_places() + load_register()


def load_places():
    created = 0
    for data in SUB_REGIONS:
        region, made = SubRegion.objects.get_or_create(
            slug=data["slug"], defaults={"name": data["name"], "description": data["description"]}
        )
        created += made
        for code, study_name in data["countries"].items():
            _, made = Country.objects.get_or_create(
                code=code, defaults={"sub_region": region, "study_name": study_name}
            )
            created += made
    return created


def load_register():
    """Create the seed gaps and indicators that are missing. Gaps whose reporting
    organization is not in the database yet are skipped (a later run adds them)."""
    from members.models import Organization

    organizations = {o.slug: o for o in Organization.objects.filter(slug__in={"unicef-irc", "iom"})}
    created = 0
    if len(organizations) < 2:
        # Loaded before the members seed: the agenda's seed calls this again afterwards, so
        # indicators are only created once the gaps they link to can exist.
        return created
    for old, new in RENAMED.items():
        if not DataGap.objects.filter(title=new).exists():
            DataGap.objects.filter(title=old).update(title=new)
    gaps = []
    for data in GAPS:
        gap = DataGap.objects.filter(title=data["title"]).first()
        if gap is None and data["reporter"] in organizations:
            gap = _create_gap(data, organizations[data["reporter"]])
            created += 1
        gaps.append(gap)
    for data in INDICATORS:
        if Indicator.objects.filter(name=data["name"]).exists():
            continue
        fields = {k: v for k, v in data.items() if k != "gaps"}
        indicator = Indicator(
            **fields, source_document=sources.INNOCENTI_EUROPE, source_quote=INDICATOR_QUOTE
        )
        indicator.full_clean()
        indicator.save()
        indicator.gaps.set([gaps[i] for i in data["gaps"] if gaps[i] is not None])
        created += 1
    return created


def _create_gap(data, organization):
    gap = DataGap(
        title=data["title"],
        description=data["description"],
        area=data["area"],
        forms=[str(f) for f in data.get("forms", [])],
        missing_disaggregations=[str(d) for d in data.get("missing_disaggregations", [])],
        empty_reason=data["empty_reason"],
        severity=data["severity"],
        reported_by=organization,
        source_document=data["source_document"],
        source_quote=data["source_quote"],
    )
    gap.full_clean()
    gap.save()
    gap.countries.set(Country.objects.filter(code__in=data.get("countries", [])))
    gap.sub_regions.set(SubRegion.objects.filter(slug__in=data.get("sub_regions", [])))
    for evidence in data.get("evidence", []):
        GapEvidence.objects.create(gap=gap, **evidence)
    GapStatusChange.objects.create(
        gap=gap, from_status="", to_status=gap.status, reason="Seeded from the network's sources"
    )
    return gap
