"""The one dataset the sources describe: IOM's Global Human Trafficking Database, strictly as
the IOM presentation of 9 July 2009 (004_de0caca595e3c395.txt) describes it. Where the
presentation is silent, the record says so rather than guess."""

from members.models import Organization
from network.platform import sources

from .enums import AccessCondition, ContactRole
from .models import Dataset

NOT_STATED = "Not stated in the sources."

DATASETS = [
    {
        "slug": "iom-global-human-trafficking-database",
        "owner": "iom",
        "title": "IOM Global Human Trafficking Database",
        "description": "IOM's victim-centred database, developed to facilitate the internal "
        "management of information gathered from IOM counter-trafficking and Return and "
        "Reintegration programmes. A pilot database was launched in South Eastern Europe in "
        "2000; for each case the system links up IOM field missions in source and destination "
        "countries. A standardized approach used by 46 IOM missions in all regions of the "
        "world, with data covering 80 source and 100 destination countries. As of end December "
        "2008 it contained data on 13,359 registered cases of victims of trafficking. It holds "
        "data on IOM identified and assisted cases only and is not representative of the scope "
        "of trafficking in a country; some variables have missing data.",
        "unit_of_record": "Registered cases of victims of trafficking (IOM identified and "
        "assisted cases only)",
        "variables": "Primary qualitative and quantitative data on: trafficked persons; the "
        "trafficking process; patterns of exploitation and re-trafficking; assistance.",
        # The presentation gives a gender breakdown of the caseload, and no other.
        "disaggregations": ["sex"],
        "forms": [],
        "update_frequency": NOT_STATED,
        "standard": "IOM's own standardized approach; no named standard is stated in the sources.",
        "access": AccessCondition.NOT_STATED,
        "legal_basis": NOT_STATED,
        "safeguards": "The sources say that data can be shared across borders in a safe and "
        "secure manner, and that the system prevents duplication of case records. Nothing more "
        "is stated in the sources.",
        "contact_role": ContactRole.FOCAL_POINT,
        "source_document": sources.IOM_2009,
        "source_quote": "Standardized approach, today used by 46 IOM missions in all regions of "
        "the world, with data covering 80 source and 100 destination countries.",
    },
]


def load():
    """Create the seeded datasets that are missing, once their owner exists. Existing ones
    are left as their owners edited them, so running it again changes nothing."""
    created = 0
    for data in DATASETS:
        data = dict(data)
        owner = Organization.objects.filter(slug=data.pop("owner")).first()
        if owner is None or Dataset.objects.filter(slug=data["slug"]).exists():
            continue
        dataset = Dataset(owner=owner, **data)
        dataset.full_clean()
        dataset.save()
        created += 1
    return created
