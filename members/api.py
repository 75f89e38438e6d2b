"""API: member organizations and the people each caller may see."""

from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from pydantic import Field

from network.platform.api import (
    COUNTRY,
    PageParams,
    contract,
    export_of,
    fields_of,
    filter_values,
    page_of,
)
from network.platform.api import page_schema as _page

from . import selectors
from .enums import OrganizationKind
from .models import Organization

organizations_router = Router()
people_router = Router()

LANGUAGE = r"^[a-z]{2,3}(-[a-z]{2,4})?$"


def _absolute(request, path):
    return request.build_absolute_uri(path)


class OrganizationOut(Schema):
    slug: str
    name: str
    acronym: str
    kind: str
    headquarters_country: str
    countries: list[str]
    website: str
    mandate: str
    url: str


class OrganizationFilters(Schema):
    kind: OrganizationKind | None = None
    country: str | None = Field(None, pattern=COUNTRY, description="ISO 3166 code")
    q: str | None = Field(None, max_length=200, description="Text in name, acronym or mandate")


OrganizationPage = _page(OrganizationOut, "OrganizationPage")
ORGANIZATION_COLUMNS = list(OrganizationOut.model_fields)


def _organization(request, organization):
    return {
        **fields_of(organization, "slug", "name", "acronym", "kind"),
        "headquarters_country": str(organization.headquarters_country or ""),
        "countries": [str(c) for c in organization.countries],
        "website": organization.website,
        "mandate": organization.mandate,
        "url": _absolute(request, organization.get_absolute_url()),
    }


@organizations_router.get("", **contract(OrganizationPage), summary="List member organizations")
def organization_list(request, filters: Query[OrganizationFilters], page: Query[PageParams]):
    """Admitted members, alphabetically (no field ranks one above another)."""
    organizations = selectors.organization_list(filters=filter_values(filters))
    return page_of(organizations, page, item=lambda o: _organization(request, o))


@organizations_router.get(
    "/export.csv", summary="Member organizations as CSV", **contract(csv=True)
)
def organization_export(request, filters: Query[OrganizationFilters]):
    return export_of(
        selectors.organization_list(filters=filter_values(filters)),
        ORGANIZATION_COLUMNS,
        "organizations.csv",
        item=lambda o: _organization(request, o),
    )


@organizations_router.get(
    "/{slug}", **contract(OrganizationOut, found=True), summary="One member organization"
)
def organization_detail(request, slug: str):
    organization = get_object_or_404(Organization.objects.members(), slug=slug)
    return _organization(request, organization)


class PersonOut(Schema):
    id: int
    name: str
    bio: str
    expertise: list[str] = Field(description="Names from the network's expertise list")
    countries: list[str]
    languages: list[str]
    organizations: list[str] = Field(description="Slugs of their admitted organizations")
    projects: list[str] = Field(description="Slugs of the projects you may see that they are in")
    url: str


class PeopleFilters(Schema):
    expertise: str | None = Field(None, max_length=110, description="Expertise slug")
    country: str | None = Field(None, pattern=COUNTRY, description="ISO 3166 code")
    language: str | None = Field(
        None, pattern=LANGUAGE, description="Language code, as in the profile (e.g. en, fr, ru)"
    )
    organization: str | None = Field(None, max_length=80, description="Organization slug")
    q: str | None = Field(None, max_length=200, description="Text in name or bio")


PersonPage = _page(PersonOut, "PersonPage")
PERSON_COLUMNS = list(PersonOut.model_fields)


def _people(request, filters):
    """The directory's selector is the only gate: public people for everyone, members-only
    people for network members and staff, hidden people never (but to themselves)."""
    return selectors.person_directory(viewer=request.auth, filters=filters.dict())


def _person(request, person):
    projects = person.involvements.get("projects", (None, []))[1]
    return {
        "id": person.pk,
        "name": person.name,
        "bio": person.bio,
        "expertise": [e.name for e in person.expertise.all()],
        "countries": [str(c) for c in person.countries],
        "languages": list(person.languages),
        "organizations": [m.organization.slug for m in person.admitted],
        "projects": [p.slug for p in projects],
        "url": _absolute(request, person.get_absolute_url()),
    }


@people_router.get("", **contract(PersonPage), summary="List the people you may see")
def person_list(request, filters: Query[PeopleFilters], page: Query[PageParams]):
    """The people directory (/people/) with the same filters. Public people for everyone;
    members-only people for network members and staff; hidden people: never."""
    return page_of(
        _people(request, filters),
        page,
        prepare=lambda people: selectors.people_involvements(people, viewer=request.auth),
        item=lambda person: _person(request, person),
    )


@people_router.get("/export.csv", summary="The people you may see, as CSV", **contract(csv=True))
def person_export(request, filters: Query[PeopleFilters]):
    return export_of(
        _people(request, filters),
        PERSON_COLUMNS,
        "people.csv",
        prepare=lambda people: selectors.people_involvements(people, viewer=request.auth),
        item=lambda person: _person(request, person),
    )
