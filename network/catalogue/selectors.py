"""Reads of the catalogue, with their visibility and the queries they cost."""

from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from members.enums import OrganizationStatus
from members.models import Organization
from members.rules import _roles
from network.desk.registry import DeskItem
from network.gaps.enums import Disaggregation
from network.gaps.fields import choice_list_has
from network.gaps.models import Country

from .enums import RequestAction, RequestStatus
from .models import AccessEvent, AccessRequest, Dataset, GapCitation


def dataset_list(*, filters: dict | None = None):
    """Datasets matching `filters` (country code, sub_region slug, year, disaggregation,
    form, owner slug, access), with what a list shows, in a fixed number of queries."""
    filters = filters or {}
    datasets = Dataset.objects.select_related("owner").prefetch_related(
        "co_owners", Prefetch("countries", queryset=Country.objects.order_by("code")), "sub_regions"
    )
    if filters.get("country"):
        code = filters["country"].upper()
        datasets = datasets.filter(Q(countries__code=code) | Q(sub_regions__countries__code=code))
    if filters.get("sub_region"):
        datasets = datasets.filter(sub_regions__slug=filters["sub_region"])
    if filters.get("year"):
        year = filters["year"]
        datasets = datasets.filter(
            Q(year_from__isnull=True) | Q(year_from__lte=year),
            Q(year_to__isnull=True) | Q(year_to__gte=year),
        )
    if filters.get("disaggregation"):
        datasets = datasets.filter(**choice_list_has("disaggregations", filters["disaggregation"]))
    if filters.get("form"):
        datasets = datasets.filter(**choice_list_has("forms", filters["form"]))
    if filters.get("owner"):
        datasets = datasets.filter(
            Q(owner__slug=filters["owner"]) | Q(co_owners__slug=filters["owner"])
        )
    if filters.get("access"):
        datasets = datasets.filter(access=filters["access"])
    return datasets.distinct().order_by("title", "pk")


def dataset_detail(slug):
    return (
        Dataset.objects.select_related("owner")
        .prefetch_related("co_owners", "countries", "sub_regions", "publications", "projects")
        .filter(slug=slug)
        .first()
    )


def _join(items):
    items = [str(item) for item in items]
    if len(items) <= 1:
        return "".join(items)
    return _("%(first)s and %(last)s") % {"first": ", ".join(items[:-1]), "last": items[-1]}


def coverage_summary(dataset):
    """One line, e.g. “covers Moldova, 2008 to 2012, disaggregated by age and sex”. Reads the
    prefetched countries and sub-regions."""
    places = [c.code.name for c in dataset.countries.all()] + [
        r.name for r in dataset.sub_regions.all()
    ]
    parts = []
    if places:
        parts.append(_("covers %(places)s") % {"places": _join(places)})
    start, end = dataset.year_from, dataset.year_to
    if start and end:
        parts.append(str(start) if start == end else f"{start}–{end}")  # noqa: RUF001
    elif start:
        parts.append(_("from %(year)s") % {"year": start})
    elif end:
        parts.append(_("until %(year)s") % {"year": end})
    labels = dict(Disaggregation.choices)
    if dataset.disaggregations:
        parts.append(
            _("disaggregated by %(dims)s")
            % {"dims": _join(str(labels[d]).lower() for d in dataset.disaggregations)}
        )
    return ", ".join(parts)


def owner_choices():
    return list(
        Organization.objects.filter(Q(datasets__isnull=False) | Q(co_owned_datasets__isnull=False))
        .distinct()
        .order_by("name")
        .values_list("slug", "name")
    )


def datasets_for_gap(gap):
    """Datasets that could help with a gap: covering one of its countries or sub-regions (or
    a country of one of its sub-regions)."""
    countries = [c.pk for c in gap.countries.all()]
    regions = [r.pk for r in gap.sub_regions.all()]
    if not countries and not regions:
        return Dataset.objects.none()
    place = (
        Q(countries__in=countries)
        | Q(sub_regions__in=regions)
        | Q(countries__sub_region__in=regions)
        | Q(sub_regions__countries__in=countries)
    )
    matching = Dataset.objects.filter(place).values("pk")
    return dataset_list().filter(pk__in=matching)


def gap_citations(gap):
    """The datasets a gap cites as evidence, with what a row shows."""
    return (
        GapCitation.objects.filter(gap=gap)
        .select_related("cited_by")
        .prefetch_related(Prefetch("dataset", queryset=dataset_list()))
    )


def citing_gaps(dataset):
    """The gaps that cite a dataset as evidence."""
    return GapCitation.objects.filter(dataset=dataset).select_related("gap", "gap__reported_by")


def datasets_for_country(country):
    place = Q(countries=country)
    if country.sub_region_id:
        place |= Q(sub_regions=country.sub_region_id)
    return dataset_list().filter(pk__in=Dataset.objects.filter(place).values("pk"))


def requests_visible_to(user):
    """Requests of the person's admitted organizations, made or received; staff see all."""
    requests = AccessRequest.objects.select_related(
        "dataset", "dataset__owner", "organization", "requested_by"
    )
    if user.has_perm("catalogue.view_every_request"):
        return requests
    roles = _roles(user).items()
    org_ids = [org_id for org_id, (_role, status) in roles if status == OrganizationStatus.MEMBER]
    return requests.filter(
        Q(organization_id__in=org_ids)
        | Q(dataset__owner_id__in=org_ids)
        | Q(dataset__co_owners__in=org_ids)
    ).distinct()


def request_log(access_request):
    return AccessEvent.objects.filter(request=access_request).select_related("by", "organization")


# What waits on whom: owners decide a submitted request and deliver an approved one; the
# requesting organization answers the owners' question.
OWNER_WAITS = {
    RequestStatus.SUBMITTED: _l("Waiting for your organization's decision."),
    RequestStatus.APPROVED: _l("Approved: mark it delivered once your organization has sent it."),
}
REQUESTER_WAITS = {
    RequestStatus.MORE_INFO: _l("The owner asked for more information."),
}
# Steps that take an item off an organization's desk, for "done recently".
OWNER_STEPS = (
    RequestAction.MORE_INFO,
    RequestAction.APPROVED,
    RequestAction.DECLINED,
    RequestAction.DELIVERED,
)


def _owned_by(organizations):
    """Requests for datasets the organizations own or co-own."""
    return Q(dataset__owner__in=organizations) | Q(
        dataset__in=Dataset.co_owners.through.objects.filter(organization__in=organizations).values(
            "dataset_id"
        )
    )


def _owners_among(access_request, by_pk):
    owners = [access_request.dataset.owner_id, *access_request.co_owner_ids]
    return [by_pk[pk] for pk in owners if pk in by_pk]


def _with_co_owners(requests):
    """Each request with `co_owner_ids`, read in one query for all of them."""
    requests = list(requests)
    pairs = Dataset.co_owners.through.objects.filter(
        dataset_id__in={r.dataset_id for r in requests}
    ).values_list("dataset_id", "organization_id")
    by_dataset = {}
    for dataset_id, organization_id in pairs:
        by_dataset.setdefault(dataset_id, []).append(organization_id)
    for access_request in requests:
        access_request.co_owner_ids = by_dataset.get(access_request.dataset_id, [])
    return requests


def desk_items(*, user, organizations):
    """For the desk: requests waiting on an organization the person speaks for — a decision or
    a delivery by an owner, an answer by the requester. No deadline: they wait until acted on.
    Three queries."""
    if not organizations:
        return []
    by_pk = {organization.pk: organization for organization in organizations}
    requests = _with_co_owners(
        AccessRequest.objects.filter(
            (_owned_by(organizations) & Q(status__in=OWNER_WAITS))
            | Q(organization__in=organizations, status__in=REQUESTER_WAITS)
        ).select_related("dataset", "organization")
    )
    items = []
    for access_request in requests:
        if access_request.status in OWNER_WAITS:
            addressed = _owners_among(access_request, by_pk)
            reason = OWNER_WAITS[access_request.status]
            title = _("%(dataset)s, for %(organization)s") % {
                "dataset": access_request.dataset.title,
                "organization": access_request.organization.name,
            }
        else:
            addressed = [by_pk[access_request.organization_id]]
            reason = REQUESTER_WAITS[access_request.status]
            title = access_request.dataset.title
        items += [
            DeskItem(
                organization=organization,
                kind=_("Data access request"),
                title=title,
                reason=str(reason),
                url=access_request.get_absolute_url(),
            )
            for organization in addressed
        ]
    return items


def desk_done(*, user, organizations, since):
    """For "done recently": the steps the organizations took on requests since `since` —
    decisions and deliveries as owners, answers as requesters. Two queries."""
    if not organizations:
        return []
    by_pk = {organization.pk: organization for organization in organizations}
    owned = AccessRequest.objects.filter(_owned_by(organizations))
    events = AccessEvent.objects.filter(at__gte=since).filter(
        Q(action__in=OWNER_STEPS, request__in=owned)
        | Q(action=RequestAction.ANSWERED, organization__in=organizations)
    )
    events = list(events.select_related("request__dataset", "request__organization", "by"))
    _with_co_owners([event.request for event in events])
    items = []
    for event in events:
        access_request = event.request
        if event.action == RequestAction.ANSWERED:
            addressed = [by_pk[event.organization_id]]
        else:
            addressed = _owners_among(access_request, by_pk)
        items += [
            DeskItem(
                organization=organization,
                kind=_("Data access request"),
                title=access_request.dataset.title,
                reason=_("%(step)s (%(who)s).")
                % {"step": event.get_action_display(), "who": event.by or _("a former member")},
                url=access_request.get_absolute_url(),
                done_at=event.at,
            )
            for organization in addressed
        ]
    return items
