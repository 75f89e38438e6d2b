"""Shared reads for the library; every page, feed and API list goes through these."""

from django.db.models import F, Q
from django.db.models.functions import Lower

from members.enums import OrganizationStatus
from members.models import Organization

from .enums import PublicationSort
from .models import Publication


def _with_relations(publications):
    return publications.select_related("document").prefetch_related("publishers")


def publication_list(*, filters=None):
    """Publications filtered by type, organization, year range, region, country, language.

    `filters` keys (all optional): type, organization (slug), year_from, year_to, region,
    country, language, q (text), sort (PublicationSort).
    """
    filters = filters or {}
    publications = Publication.objects.all()
    if kind := filters.get("type"):
        publications = publications.filter(type=kind)
    if organization := filters.get("organization"):
        slug = getattr(organization, "slug", organization)
        # A subquery, not a join: the list stays one row per publication without distinct().
        published = Publication.publishers.through.objects.filter(organization__slug=slug)
        publications = publications.filter(pk__in=published.values("publication_id"))
    if gap := filters.get("gap"):
        informs = Publication.gaps.through.objects.filter(datagap_id=getattr(gap, "pk", gap))
        publications = publications.filter(pk__in=informs.values("publication_id"))
    if year_from := filters.get("year_from"):
        publications = publications.filter(year__gte=year_from)
    if year_to := filters.get("year_to"):
        publications = publications.filter(year__lte=year_to)
    # Regions and languages are JSON lists of codes, countries a comma-joined list of codes;
    # matching the quoted code (or the code) in the stored text works on SQLite and PostgreSQL.
    if region := filters.get("region"):
        publications = publications.filter(regions__icontains=f'"{region}"')
    if language := filters.get("language"):
        publications = publications.filter(languages__icontains=f'"{language}"')
    if country := filters.get("country"):
        publications = publications.filter(countries__contains=str(country))
    if text := filters.get("q"):
        publications = publications.filter(
            Q(title__icontains=text)
            | Q(summary__icontains=text)
            | Q(other_publishers__icontains=text)
        )
    sort = filters.get("sort") or PublicationSort.NEWEST
    if sort == PublicationSort.TITLE:
        order = [Lower("title"), "pk"]
    elif sort == PublicationSort.OLDEST:
        order = [F("year").asc(nulls_last=True), F("month").asc(nulls_first=True), "pk"]
    else:
        order = [F("year").desc(nulls_last=True), F("month").desc(nulls_last=True), "-pk"]
    return _with_relations(publications.order_by(*order))


def publication_detail(*, slug):
    return _with_relations(Publication.objects.filter(slug=slug)).first()


def recent_publications(*, limit=20):
    return _with_relations(Publication.objects.order_by("-created_at", "-pk"))[:limit]


def publisher_choices():
    """Organizations that can be named as publishers: admitted and former members."""
    return Organization.objects.filter(
        status__in=[OrganizationStatus.MEMBER, OrganizationStatus.FORMER]
    ).order_by(Lower("name"))


def organizations_of(user):
    """The admitted organizations the user belongs to (whose publications they may add)."""
    return Organization.objects.members().of(user).order_by(Lower("name"))
