"""Every write to decisions and action points."""

from datetime import date

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from events.enums import MinutesStatus
from members.enums import OrganizationStatus
from members.models import Membership
from network.platform.services import service_save

from .enums import TRANSITIONS, DecisionStatus, RecordKind
from .models import Decision, DecisionStatusChange

User = get_user_model()


@transaction.atomic
def decision_record(
    *,
    by: User,
    kind: str,
    text: str,
    responsible=(),
    due: date | None = None,
    event=None,
    minutes=None,
    priorities=(),
    gaps=(),
    projects=(),
) -> Decision:
    """Record a decision or an action point from a meeting, or from its minutes (by the
    secretariat or, from agreed or final minutes, by the event's organizers).

    Side effects: the first history entry ("open").
    """
    if minutes is not None:
        if not by.has_perm("decisions.record_from_minutes", minutes):
            raise PermissionDenied(_("Only the event's organizers and the secretariat do this."))
        if minutes.minutes_status not in (MinutesStatus.AGREED, MinutesStatus.FINAL):
            raise ValidationError(
                _("Decisions are recorded from agreed or final minutes: these are not yet.")
            )
        event = minutes.event
    elif not by.has_perm("decisions.record_decision"):
        raise PermissionDenied(_("Only the secretariat records decisions."))
    responsible = list(responsible)
    if kind == RecordKind.ACTION_POINT and not responsible:
        raise ValidationError(
            {"responsible": _("An action point needs at least one responsible organization.")}
        )
    if any(o.status != OrganizationStatus.MEMBER for o in responsible):
        raise ValidationError({"responsible": _("Only member organizations can be responsible.")})
    decision = service_save(
        Decision(kind=kind, text=text.strip(), due=due, event=event, minutes=minutes, created_by=by)
    )
    decision.responsible.set(responsible)
    decision.priorities.set(priorities)
    decision.gaps.set(gaps)
    decision.projects.set(projects)
    service_save(DecisionStatusChange(decision=decision, to_status=decision.status, by=by))
    return decision


@transaction.atomic
def decision_transition(*, decision: Decision, to_status: str, by: User, note: str) -> Decision:
    """Move a record's status, by a responsible organization's spokesperson or staff, with a
    note. Side effects: a history entry naming the organization that moved it."""
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if not by.has_perm("decisions.change_status", decision):
        raise PermissionDenied(
            _("Only the responsible organizations' focal points and alternates, and staff, "
              "change its status.")
        )  # fmt: skip
    if to_status not in TRANSITIONS.get(decision.status, set()):
        known = to_status in DecisionStatus.values
        target = DecisionStatus(to_status).label if known else to_status
        raise ValidationError(
            _("It cannot move from “%(from)s” to “%(to)s”.")
            % {"from": decision.get_status_display(), "to": target}
        )
    if not note.strip():
        raise ValidationError({"note": _("Say what was done, or why.")})
    spoken_for = _spoken_for(by)
    organization = next((o for o in decision.responsible.all() if o.pk in spoken_for), None)
    service_save(
        DecisionStatusChange(
            decision=decision, from_status=decision.status, to_status=to_status, by=by,
            organization=organization, note=note.strip(),
        )
    )  # fmt: skip
    decision.status = to_status
    return service_save(decision)


def _spoken_for(user):
    """Ids of the organizations the user is focal point or alternate of."""
    return set(
        Membership.objects.spokespeople()
        .filter(user=user)
        .values_list("organization_id", flat=True)
    )


@transaction.atomic
def decision_from_adopted_priority(*, priority) -> Decision:
    """The decision an adopted agenda vote makes. Called by the agenda when a vote closes
    adopted (the `priority_adopted` hook); once per priority.
    Side effects: the decision, linked to the priority and its gaps, with its first history.
    """
    existing = Decision.objects.filter(priority_vote=priority).first()
    if existing:
        return existing
    decision = service_save(
        Decision(
            kind=RecordKind.DECISION,
            text=_("The network adopted the research priority “%(title)s” by vote.")
            % {"title": priority.title},
            priority_vote=priority,
        )
    )
    decision.priorities.set([priority])
    decision.gaps.set(priority.gaps.all())
    service_save(
        DecisionStatusChange(
            decision=decision, to_status=decision.status, note=_("Recorded when the vote closed.")
        )
    )
    return decision
