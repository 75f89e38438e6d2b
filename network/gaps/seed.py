"""The 51 countries and entities of the Innocenti study 'Child Trafficking in Europe: A broad
vision to put children first' (annex), in its three sub-regions."""

from .models import Country, SubRegion

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
    """Create missing sub-regions and countries; existing rows are left alone."""
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
