"""Shared reads for events, with visibility applied in one place."""

from itertools import groupby

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from members.enums import SPOKESPERSON_ROLES
from members.models import Organization, User
from network.platform.languages import source_pages
from network.platform.queries import filter_given

from .enums import (
    ACTIVE_STATUSES,
    QUOTA_STATUSES,
    MinutesStatus,
    OutputKind,
    RegistrationStatus,
    SignOffAnswer,
)
from .models import EventOrganizer, EventOutput, EventPage, MinutesSignOff, Registration


def visible_events():
    """Published public events of the default locale. Building it reads the view restrictions
    and the locale (two queries): a page that lists events in several ways builds it once and
    passes it on as `visible`."""
    return source_pages(EventPage.objects.live().public())


def event_list(*, filters=None, visible=None):
    """Published public events, filtered by kind, country and organizing organization."""
    filters = filters or {}
    events = visible_events() if visible is None else visible
    return filter_given(events, filters, kind="kind", country="country", organization="organizers")


def upcoming_events(*, filters=None, visible=None):
    events = event_list(filters=filters, visible=visible)
    return events.filter(end__gte=timezone.now()).order_by("start")


def past_events(*, filters=None, visible=None):
    return (
        event_list(filters=filters, visible=visible)
        .filter(end__lt=timezone.now())
        .order_by("-start")
    )


def timetable(event):
    """The sessions grouped by day in the event's time zone: [(date, [session, …]), …]."""
    sessions = event.sessions.order_by("start", "sort_order")
    # A preview holds unsaved sessions in memory (modelcluster), where prefetching cannot go.
    if isinstance(sessions, QuerySet):
        sessions = sessions.prefetch_related(
            Prefetch("members", queryset=User.objects.order_by("display_name", "email"))
        )
    tz = event.tz
    return [
        (day, list(items))
        for day, items in groupby(sessions, key=lambda s: timezone.localtime(s.start, tz).date())
    ]


def outputs(event, *, public=False):
    """An event's outputs; `public` leaves out minutes that are not agreed yet (their
    organizers and signatories reach them on their own page)."""
    outputs = event.outputs.select_related("document", "session").order_by("kind", "title", "pk")
    if public:
        outputs = outputs.exclude(
            Q(kind=OutputKind.MINUTES)
            & Q(minutes_status__in=[MinutesStatus.DRAFT, MinutesStatus.CIRCULATED])
        )
    return outputs


def confirmed_participants(event):
    return (
        event.registrations.filter(status=RegistrationStatus.CONFIRMED)
        .select_related("user", "organization")
        .order_by("organization__name", "user__display_name", "user__email")
    )


def organizer_people(event):
    """Everyone who organizes the event: people given the role, and the focal points and
    alternates of its organizing organizations."""
    given = EventOrganizer.objects.filter(page_id=event.pk).values("user_id")
    speaking = User.objects.filter(
        memberships__organization__organized_events=event.pk,
        memberships__role__in=SPOKESPERSON_ROLES,
    ).values("pk")
    return list(User.objects.filter(Q(pk__in=given) | Q(pk__in=speaking)))


def registrations_for_organizers(event):
    """Every registration, by organization then person: the organizers' participant list."""
    return event.registrations.select_related("user", "organization").order_by(
        "organization__name", "user__display_name", "user__email", "pk"
    )


def registration_of(event, user):
    """The person's current registration for the event (the latest, active or not)."""
    if not user.is_authenticated:
        return None
    return (
        event.registrations.filter(user=user)
        .select_related("organization")
        .order_by("-created_at", "-pk")
        .first()
    )


def registration_counts(event):
    return event.registrations.aggregate(
        confirmed=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)),
        pending=Count("pk", filter=Q(status=RegistrationStatus.PENDING)),
        awaiting_organization=Count(
            "pk", filter=Q(status=RegistrationStatus.AWAITING_ORGANIZATION)
        ),
        waitlisted=Count("pk", filter=Q(status=RegistrationStatus.WAITLISTED)),
        active=Count("pk", filter=Q(status__in=ACTIVE_STATUSES)),
    )


def representable_organizations(user):
    """The admitted member organizations a person may represent at an event."""
    return Organization.objects.members().of(user)


def organizing_organizations(visible=None):
    """Organizations that organize at least one published event, for the list filter."""
    visible = visible_events() if visible is None else visible
    return (
        Organization.objects.filter(organized_events__in=visible.values("pk"))
        .distinct()
        .order_by("name")
    )


def attending_organizations(event):
    """Organizations with a confirmed participant at the event, by name."""
    return (
        Organization.objects.filter(
            event_registrations__event=event,
            event_registrations__status=RegistrationStatus.CONFIRMED,
        )
        .distinct()
        .order_by("name")
    )


def signoff_organizations_for(user, output):
    """The attending organizations `user` may answer for on these minutes: as focal point or
    alternate, or as the person who attended for it. Two queries."""
    if not user.is_authenticated:
        return []
    spoken_for = Q(memberships__user=user, memberships__role__in=SPOKESPERSON_ROLES)
    attended_for = Q(
        event_registrations__event_id=output.event_id,
        event_registrations__user=user,
        event_registrations__status=RegistrationStatus.CONFIRMED,
    )
    ids = set(Organization.objects.filter(spoken_for | attended_for).values_list("pk", flat=True))
    return [s.organization for s in output.signoffs.select_related("organization")
            if s.organization_id in ids]  # fmt: skip


def may_see_minutes(user, output):
    """Agreed and final minutes are seen by whoever sees the event; drafts by its organizers;
    circulated ones also by the people who may sign them off."""
    if output.minutes_status in (MinutesStatus.AGREED, MinutesStatus.FINAL):
        return True
    if user.has_perm("events.manage_event", output.event):
        return True
    return output.minutes_status == MinutesStatus.CIRCULATED and bool(
        signoff_organizations_for(user, output)
    )


def minutes_detail(event, pk):
    """Minutes drafted for this event, with their sign-offs (alphabetically), revisions and
    the decisions recorded from them."""
    return (
        EventOutput.objects.filter(event=event, pk=pk, kind=OutputKind.MINUTES)
        .select_related("event", "document", "session")
        .prefetch_related(
            Prefetch(
                "signoffs",
                queryset=MinutesSignOff.objects.select_related("organization", "by").order_by(
                    "organization__name", "pk"
                ),
            ),
            "revisions__by",
            "decisions",
        )
        .first()
    )


def signoff_desk_items(*, user, organizations):
    """For the desk: circulated minutes waiting for the answer of an organization the person
    speaks for, due at the end of the sign-off period. One query."""
    from django.utils.translation import gettext as _

    from network.desk.registry import DeskItem

    pending = (
        MinutesSignOff.objects.filter(
            organization__in=organizations,
            answer=SignOffAnswer.PENDING,
            output__minutes_status=MinutesStatus.CIRCULATED,
        )
        .select_related("organization", "output__event")
        .order_by("output__signoff_until", "pk")
    )
    return [
        DeskItem(
            organization=signoff.organization,
            kind=_("Minutes to sign off"),
            title=signoff.output.title,
            reason=_("%(organization)s attended %(event)s: approve the minutes or ask for a "
                     "change.") % {"organization": signoff.organization.name,
                                   "event": signoff.output.event.title},
            url=signoff.output.get_absolute_url(),
            deadline=signoff.output.signoff_until,
        )
        for signoff in pending
    ]  # fmt: skip


def desk_items(*, user, organizations):
    """For the desk: the person's own registrations to events still ahead, and the minutes
    their organizations are asked to sign off. Two queries."""
    from django.utils.translation import gettext as _

    from network.desk.registry import DeskItem

    registrations = (
        user.event_registrations.filter(status__in=ACTIVE_STATUSES, event__end__gt=timezone.now())
        .select_related("event")
        .order_by("event__start")
    )
    return [
        DeskItem(
            organization=None,
            kind=_("Registration"),
            title=registration.event.title,
            reason=_("Your registration: %(status)s.")
            % {"status": registration.get_status_display()},
            url=registration.event.url or "",
            deadline=registration.event.start,
        )
        for registration in registrations
    ] + signoff_desk_items(user=user, organizations=organizations)


def quota_used(event, organization):
    """How many of its places at the event the organization uses (QUOTA_STATUSES)."""
    return event.registrations.filter(organization=organization, status__in=QUOTA_STATUSES).count()


def organization_registrations_url(event, organization):
    """The page where the organization's focal point and alternate decide its registrations
    for the event."""
    return (event.url or "/") + event.reverse_subpage(
        "organization_registrations", kwargs={"organization": organization.slug}
    )


def organization_registrations(event, organization):
    """The organization's registrations for the event, those awaiting it first, then by
    status and person."""
    return (
        event.registrations.filter(organization=organization)
        .select_related("user", "organization_decided_by")
        .order_by("created_at", "pk")
    )


def awaiting_organization(event, organization):
    return event.registrations.filter(
        organization=organization, status=RegistrationStatus.AWAITING_ORGANIZATION
    )


def organization_deadline(event):
    """Until when an organization may let a registration through: registration's close, else
    the event's start (the desk item's deadline)."""
    return event.registration_closes or event.start


def organization_approval_desk_items(*, user, organizations):
    """For the desk: registrations awaiting the approval of an organization the person speaks
    for, with the places it uses of the event's quota. Two queries however many there are."""
    from django.utils.translation import gettext as _

    from network.desk.registry import DeskItem

    if not organizations:
        return []
    by_pk = {organization.pk: organization for organization in organizations}
    awaiting = list(
        Registration.objects.filter(
            organization__in=organizations,
            status=RegistrationStatus.AWAITING_ORGANIZATION,
            event__end__gt=timezone.now(),
        )
        .select_related("user", "event")
        .order_by("created_at", "pk")
    )
    if not awaiting:
        return []
    used = {
        (row["event_id"], row["organization_id"]): row["n"]
        for row in Registration.objects.filter(
            event__in={r.event_id for r in awaiting},
            organization__in=organizations,
            status__in=QUOTA_STATUSES,
        )
        .values("event_id", "organization_id")
        .annotate(n=Count("pk"))
    }
    items = []
    for registration in awaiting:
        event = registration.event
        organization = by_pk[registration.organization_id]
        page_url = organization_registrations_url(event, organization)
        items.append(
            DeskItem(
                organization=organization,
                kind=_("Registration to approve"),
                title=_("%(person)s, for %(event)s")
                % {"person": registration.user.name, "event": event.title},
                reason=_("Asks to represent your organization: %(used)s of %(quota)s places used.")
                % {
                    "used": used.get((event.pk, organization.pk), 0),
                    "quota": event.organization_quota
                    if event.organization_quota is not None
                    else "—",
                },
                url=f"{page_url}#registration-{registration.pk}",
                deadline=organization_deadline(event),
                action_url=page_url,
                action_label=_("Approve"),
                action_fields=(("registration", registration.pk), ("decision", "approve")),
            )
        )
    return items


def organization_approval_desk_done(*, user, organizations, since):
    """For the desk's "done recently": the registrations the organizations approved or declined
    since `since`. One query."""
    from django.utils.translation import gettext as _

    from network.desk.registry import DeskItem

    if not organizations:
        return []
    by_pk = {organization.pk: organization for organization in organizations}
    decided = Registration.objects.filter(
        organization__in=organizations, organization_decided_at__gte=since
    ).select_related("user", "event", "organization_decided_by")
    items = []
    for registration in decided:
        organization = by_pk[registration.organization_id]
        declined = registration.status == RegistrationStatus.ORGANIZATION_DECLINED
        who = registration.organization_decided_by or _("a former member")
        items.append(
            DeskItem(
                organization=organization,
                kind=_("Registration to approve"),
                title=_("%(person)s, for %(event)s")
                % {"person": registration.user.name, "event": registration.event.title},
                reason=(_("Declined by %(who)s.") if declined else _("Approved by %(who)s."))
                % {"who": who},
                url=organization_registrations_url(registration.event, organization),
                done_at=registration.organization_decided_at,
            )
        )
    return items
