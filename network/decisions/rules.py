"""Who may do what with decisions and action points. The only place that decides it."""

import rules

from members.rules import is_alternate_of, is_focal_point_of, is_member_of, is_staff


@rules.predicate
def speaks_for_a_responsible_organization(user, decision):
    """Focal point or alternate of one of the organizations responsible for it."""
    if decision is None:
        return False
    return any(
        is_focal_point_of(user, organization) or is_alternate_of(user, organization)
        for organization in decision.responsible.all()
    )


@rules.predicate
def decision_is_public(user, decision):
    """Of no meeting, or of a published meeting behind no view restriction."""
    if decision is None:
        return False
    from .models import Decision

    return decision.event_id is None or Decision.objects.public().filter(pk=decision.pk).exists()


@rules.predicate
def belongs_to_a_responsible_organization(user, decision):
    if decision is None or not user.is_authenticated:
        return False
    return any(is_member_of(user, organization) for organization in decision.responsible.all())


# A restricted meeting's records: staff and the people of the organizations responsible for
# them (the record is on their desk), as decisions_visible_to answers for lists and search.
rules.add_perm(
    "decisions.view_decision",
    decision_is_public | is_staff | belongs_to_a_responsible_organization,
)
rules.add_perm("decisions.view_every_decision", is_staff)
rules.add_perm("decisions.record_decision", is_staff)
rules.add_perm("decisions.change_status", speaks_for_a_responsible_organization | is_staff)


@rules.predicate
def organizes_the_meeting_of(user, minutes):
    """An organizer of the event whose minutes these are (the events app decides who is)."""
    return minutes is not None and user.has_perm("events.manage_event", minutes.event)


rules.add_perm("decisions.record_from_minutes", organizes_the_meeting_of | is_staff)
