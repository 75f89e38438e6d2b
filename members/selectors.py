"""Shared reads for organizations and people, with visibility applied in one place."""

from django.db.models import Prefetch, Q
from django.db.models.functions import Lower
from django.utils.translation import gettext

from network.platform.cache import app_version, versioned

from .enums import OrganizationStatus, Visibility
from .models import Expertise, Membership, Organization, User


def people_visible_to(viewer):
    """Active people the viewer may see: hidden people only see themselves."""
    allowed = Q(visibility=Visibility.PUBLIC)
    if viewer.has_perm("members.view_members_only_people"):
        allowed |= Q(visibility=Visibility.MEMBERS)
    if viewer.is_authenticated:
        allowed |= Q(pk=viewer.pk)
    return User.objects.filter(allowed, is_active=True)


def listed_people():
    """People the directory may list to someone: active and not hidden."""
    return User.objects.filter(is_active=True).exclude(visibility=Visibility.HIDDEN)


def expertise_suggestions(*, person=None):
    """The expertise list as it is offered: entries that a listed person holds (an entry only
    hidden people hold would tell of them), plus the person's own."""
    held = Q(people__in=listed_people())
    if person is not None and person.pk:
        held |= Q(people=person)
    return Expertise.objects.filter(pk__in=Expertise.objects.filter(held).values("pk"))


# What people take part in, from apps above members (projects): each registers, in its
# AppConfig.ready(), a key, a label and a function (viewer, person ids) -> {person id: [items
# the viewer may see]} that answers in one query. Members never imports those apps.
_involvements = {}


def register_person_involvement(key, *, label, fetch):
    _involvements[key] = (label, fetch)


def person_directory(*, viewer, filters=None):
    """People the viewer may see (public to anyone, members-only to network members and
    staff, hidden to nobody but themselves), by name, filtered by expertise (slug), country
    and language (codes), organization (slug) and text, with their expertise and admitted
    organizations prefetched. Attach what they take part in with people_involvements()."""
    filters = filters or {}
    memberships = (
        Membership.objects.in_member_organizations()
        .select_related("organization")
        .order_by(Lower("organization__name"))
    )
    people = people_visible_to(viewer).prefetch_related(
        Prefetch("expertise", queryset=Expertise.objects.order_by(Lower("name"))),
        Prefetch("memberships", queryset=memberships, to_attr="admitted"),
    )
    if slug := filters.get("expertise"):
        people = people.filter(pk__in=User.objects.filter(expertise__slug=slug).values("pk"))
    if country := filters.get("country"):
        # Codes are two letters joined by commas, so a substring match is exact.
        people = people.filter(countries__contains=country.upper())
    if language := filters.get("language"):
        # A JSON list of codes: the quoted code matches it alone ("en" is not "en-gb").
        people = people.filter(languages__icontains=f'"{language}"')
    if organization := filters.get("organization"):
        people = people.filter(
            pk__in=Membership.objects.in_member_organizations()
            .filter(organization__slug=organization)
            .values("user_id")
        )
    if text := filters.get("q"):
        people = people.filter(Q(display_name__icontains=text) | Q(bio__icontains=text))
    return people.order_by(Lower("display_name"), "pk")


def people_involvements(people, *, viewer):
    """Set `involvements` on each person: {key: (label, [items the viewer may see])}, one
    query per registered kind whatever the number of people."""
    people = list(people)
    ids = [person.pk for person in people]
    found = {key: fetch(viewer, ids) for key, (_label, fetch) in _involvements.items()}
    for person in people:
        person.involvements = {
            key: (label, found[key].get(person.pk, []))
            for key, (label, _f) in _involvements.items()
        }
    return people


def organization_list(*, filters=None):
    """Admitted member organizations, alphabetically, filtered by kind, country and text."""
    filters = filters or {}
    organizations = Organization.objects.members().order_by(Lower("name"))
    if kind := filters.get("kind"):
        organizations = organizations.filter(kind=kind)
    if country := filters.get("country"):
        # Codes are two letters joined by commas, so a substring match is exact.
        organizations = organizations.filter(
            Q(countries__contains=country) | Q(headquarters_country=country)
        )
    if text := filters.get("q"):
        organizations = organizations.filter(
            Q(name__icontains=text) | Q(acronym__icontains=text) | Q(mandate__icontains=text)
        )
    return organizations


def organization_detail(*, slug, viewer):
    """A member (or former member) organization with the people the viewer may see."""
    memberships = (
        Membership.objects.filter(user__in=people_visible_to(viewer))
        .select_related("user")
        .order_by("user__display_name", "user__email")
    )
    return (
        Organization.objects.filter(
            slug=slug, status__in=[OrganizationStatus.MEMBER, OrganizationStatus.FORMER]
        )
        .select_related("logo")
        .prefetch_related(
            Prefetch("memberships", queryset=memberships, to_attr="visible_memberships")
        )
        .first()
    )


def focal_points(organization):
    """The focal point and alternate memberships, whoever can see them."""
    return organization.memberships.spokespeople().select_related("user").order_by("role")


def pending_applications():
    return (
        Organization.objects.filter(status=OrganizationStatus.APPLICANT)
        .select_related("applied_by")
        .order_by("created_at")
    )


def network_figures():
    """Live figures for the home page: kept in the shared cache until a write to members (it
    reads every member organization's countries)."""

    def compute():
        members = Organization.objects.members()
        countries = set()
        for headquarters, worked_in in members.values_list("headquarters_country", "countries"):
            countries.update(code for code in worked_in.split(",") if code)
            if headquarters:
                countries.add(headquarters)
        return {"organizations": members.count(), "countries": len(countries)}

    return versioned(app_version("members"), "network-figures", compute, 3600)


def second_factor_missing(user) -> bool:
    """Whoever members.needs_mfa names (staff, editors, moderators, project leads) and has not
    turned on TOTP: refused everywhere but the setup, on pages and on sockets alike."""
    from allauth.mfa.models import Authenticator

    return (
        user.is_authenticated
        and user.has_perm("members.needs_mfa")
        and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    )


def name_shown_to(viewer, person):
    """The person's name where the viewer may see them (members.view_person, the rule the
    pages follow), else words that name nobody: an email or a notice must not reveal a
    person who keeps their profile private."""
    if viewer.has_perm("members.view_person", person):
        return person.name
    return gettext("someone who keeps their profile private")
