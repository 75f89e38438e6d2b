"""Every write to datasets and access requests."""

from datetime import date

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import Membership, Organization
from network.platform.email import email_on_commit
from network.platform.services import (
    absolute_url,
    check_fields,
    service_save,
    service_update,
    unique_slug,
)

from .enums import STATUS_AFTER, TRANSITIONS, AccessCondition, RequestAction, RequestStatus
from .models import AccessEvent, AccessRequest, Dataset, GapCitation

User = get_user_model()

FIELDS = {
    "title", "description", "year_from", "year_to", "unit_of_record", "variables",
    "disaggregations", "forms", "update_frequency", "standard", "access", "legal_basis",
    "safeguards", "contact_role", "external_link",
}  # fmt: skip
RELATIONS = {"co_owners", "countries", "sub_regions", "publications", "projects"}
# Paths under /data/ that a dataset's slug must not take.
RESERVED = ("new", "requests", "cite")


def _set_relations(dataset, relations):
    check_fields(relations, allowed=RELATIONS)
    for name, values in relations.items():
        values = list(values)
        if name == "co_owners":
            values = [o for o in values if o.pk != dataset.owner_id]
        getattr(dataset, name).set(values)


@transaction.atomic
def dataset_create(
    *, by: User, owner: Organization, fields: dict, relations: dict | None = None
) -> Dataset:
    """Describe a dataset `owner` holds. Metadata only: nothing of the data is stored.

    Side effects: none beyond the dataset and its relations."""
    if not by.has_perm("catalogue.describe_for", owner):
        raise PermissionDenied(_("You can describe datasets only for your own organization."))
    check_fields(fields, allowed=FIELDS)
    title = (fields.get("title") or "").strip()
    dataset = Dataset(
        owner=owner,
        created_by=by,
        slug=unique_slug(
            title, queryset=Dataset.objects.all(), fallback="dataset", reserved=RESERVED
        ),
        **fields,
    )
    dataset.title = title
    service_save(dataset)
    _set_relations(dataset, relations or {})
    return dataset


@transaction.atomic
def dataset_update(*, by: User, dataset: Dataset, fields: dict, relations: dict | None = None):
    """Change a dataset's description: its owners' people and staff.

    Side effects: none beyond the dataset and its relations."""
    if not by.has_perm("catalogue.change_dataset", dataset):
        raise PermissionDenied(_("Only the owning organizations' people change this dataset."))
    check_fields(fields, allowed=FIELDS)
    service_update(dataset, fields, stamp=True)
    _set_relations(dataset, relations or {})
    return dataset


def _owner_spokespeople(dataset):
    ids = {dataset.owner_id, *dataset.co_owners.values_list("pk", flat=True)}
    return _spokespeople(ids)


def _spokespeople(organization_ids):
    return Membership.objects.spokespeople().filter(organization_id__in=organization_ids).users()


def _record(access_request, *, action, by, organization=None, note=""):
    return service_save(
        AccessEvent(
            request=access_request,
            action=action,
            by=by,
            organization=organization,
            note=note.strip(),
        )
    )


def _tell(to, access_request, *, subject, template, extra=None):
    email_on_commit(
        to=to,
        subject=subject,
        template=template,
        context={
            "request": access_request,
            "dataset": access_request.dataset,
            "organization": access_request.organization,
            "url": absolute_url(access_request.get_absolute_url()),
            **(extra or {}),
        },
    )


@transaction.atomic
def access_request_create(
    *,
    by: User,
    dataset: Dataset,
    organization: Organization,
    purpose: str,
    variables_needed: str,
    coverage_needed: str,
    storage: str,
    retention: str,
    k_confirmed: bool,
    project=None,
) -> AccessRequest:
    """Ask `dataset`'s owners for access on behalf of `organization`.

    Side effects: the first entry of the audit log; an email to the focal point and alternate
    of each owning organization."""
    if dataset.access == AccessCondition.NOT_SHAREABLE:
        raise ValidationError(
            _("This dataset is not shareable: its owner cannot give access to it.")
        )
    if dataset.access == AccessCondition.OPEN:
        raise ValidationError(_("This dataset is open: no request is needed."))
    if not by.has_perm("catalogue.request_for", organization):
        raise PermissionDenied(
            _("You can ask only on behalf of a member organization you belong to.")
        )
    if not k_confirmed:
        raise ValidationError(
            {"k_confirmed": _("Confirm that nothing you publish describes fewer than 11 people.")}
        )
    access_request = service_save(
        AccessRequest(
            dataset=dataset,
            organization=organization,
            requested_by=by,
            purpose=purpose.strip(),
            project=project,
            variables_needed=variables_needed.strip(),
            coverage_needed=coverage_needed.strip(),
            storage=storage.strip(),
            retention=retention.strip(),
            k_confirmed=k_confirmed,
        )
    )
    _record(access_request, action=RequestAction.SUBMITTED, by=by, organization=organization)
    _tell(
        _owner_spokespeople(dataset),
        access_request,
        subject=_("Access request for “%(title)s”") % {"title": dataset.title},
        template="catalogue/email/requested.txt",
    )
    return access_request


@transaction.atomic
def access_request_advance(
    *,
    by: User,
    access_request: AccessRequest,
    action: str,
    note: str = "",
    conditions: str = "",
    starts_on: date | None = None,
    ends_on: date | None = None,
) -> AccessRequest:
    """Move a request one step: the owners ask for more information, approve (with
    conditions and an end date), decline (with a reason), mark it delivered or ended; the
    requesting organization answers a question.

    Side effects: an entry in the audit log; an email to the other side."""
    access_request = AccessRequest.objects.select_for_update().get(pk=access_request.pk)
    action = RequestAction(action)
    if action not in TRANSITIONS:
        raise ValidationError(_("That is not a step a request can take."))
    by_requester = action == RequestAction.ANSWERED
    permission = "catalogue.answer_request" if by_requester else "catalogue.decide_request"
    if not by.has_perm(permission, access_request):
        raise PermissionDenied(
            _("Only the requesting organization answers; only the owners decide.")
            if by_requester
            else _("Only the focal point or alternate of an owning organization decides.")
        )
    if access_request.status not in TRANSITIONS[action]:
        raise ValidationError(
            _("A request that is “%(status)s” cannot be %(action)s.")
            % {
                "status": access_request.get_status_display(),
                "action": action.label.lower(),
            }
        )
    errors = {}
    needs_note = (RequestAction.DECLINED, RequestAction.MORE_INFO, RequestAction.ANSWERED)
    if action in needs_note and not note.strip():
        errors["note"] = _("Say why, or what you ask or answer.")
    if action == RequestAction.APPROVED:
        if ends_on is None:
            errors["ends_on"] = _("An approval needs an end date.")
        starts_on = starts_on or timezone.localdate()
        if ends_on is not None and ends_on <= starts_on:
            errors["ends_on"] = _("The end date must come after the start.")
        access_request.conditions = conditions.strip()
        access_request.starts_on = starts_on
        access_request.ends_on = ends_on
    if errors:
        raise ValidationError(errors)
    access_request.status = STATUS_AFTER[action]
    service_save(access_request)
    organization = access_request.organization if by_requester else None
    _record(access_request, action=action, by=by, organization=organization, note=note)
    to = (
        _owner_spokespeople(access_request.dataset) if by_requester else _requesters(access_request)
    )
    _tell(
        to,
        access_request,
        subject=_("“%(title)s”: %(action)s")
        % {"title": access_request.dataset.title, "action": action.label},
        template="catalogue/email/step.txt",
        extra={"action": action.label, "note": note.strip()},
    )
    return access_request


def _requesters(access_request):
    people = _spokespeople([access_request.organization_id])
    if access_request.requested_by and access_request.requested_by not in people:
        people.append(access_request.requested_by)
    return people


@transaction.atomic
def access_request_remind_ended(*, today: date | None = None) -> int:
    """Remind both organizations of each approved or delivered access whose end date has
    passed, once.

    Side effects: an audit entry and emails per request."""
    today = today or timezone.localdate()
    due = (
        AccessRequest.objects.select_for_update(of=("self",))
        .filter(
            status__in=[RequestStatus.APPROVED, RequestStatus.DELIVERED],
            ends_on__lt=today,
            reminded_at__isnull=True,
        )
        .select_related("dataset", "organization", "requested_by")
    )
    count = 0
    for access_request in due:
        access_request.reminded_at = timezone.now()
        service_save(access_request)
        _record(access_request, action=RequestAction.END_DATE_PASSED, by=None)
        people = _owner_spokespeople(access_request.dataset) + _requesters(access_request)
        _tell(
            list({person.pk: person for person in people}.values()),
            access_request,
            subject=_("Access to “%(title)s” has reached its end date")
            % {"title": access_request.dataset.title},
            template="catalogue/email/ended.txt",
        )
        count += 1
    return count


@transaction.atomic
def gap_citation_create(*, by: User, gap, dataset: Dataset, note: str = "") -> GapCitation:
    """Cite `dataset` as evidence on `gap`: its reporting organization's people and staff.

    Side effects: none beyond the citation."""
    if not by.has_perm("gaps.change_gap", gap):
        raise PermissionDenied(_("Only the people of the gap's organization cite evidence on it."))
    if GapCitation.objects.filter(gap=gap, dataset=dataset).exists():
        raise ValidationError(_("This gap already cites that dataset."))
    return service_save(GapCitation(gap=gap, dataset=dataset, note=note.strip(), cited_by=by))


@transaction.atomic
def gap_citation_delete(*, by: User, citation: GapCitation) -> None:
    """Withdraw a citation: the same people who may cite.

    Side effects: none beyond the citation."""
    if not by.has_perm("gaps.change_gap", citation.gap):
        raise PermissionDenied(_("Only the people of the gap's organization cite evidence on it."))
    citation.delete()
