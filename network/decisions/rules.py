"""Who may do what with decisions and action points. The only place that decides it."""

import rules

from members.rules import is_alternate_of, is_focal_point_of, is_staff


@rules.predicate
def speaks_for_a_responsible_organization(user, decision):
    """Focal point or alternate of one of the organizations responsible for it."""
    if decision is None:
        return False
    return any(
        is_focal_point_of(user, organization) or is_alternate_of(user, organization)
        for organization in decision.responsible.all()
    )


rules.add_perm("decisions.record_decision", is_staff)
rules.add_perm("decisions.change_status", speaks_for_a_responsible_organization | is_staff)


@rules.predicate
def organizes_the_meeting_of(user, minutes):
    """An organizer of the event whose minutes these are (the events app decides who is)."""
    return minutes is not None and user.has_perm("events.manage_event", minutes.event)


rules.add_perm("decisions.record_from_minutes", organizes_the_meeting_of | is_staff)
