"""Who may do what with events, registrations and outputs. The only place that decides it."""

import rules

from members.rules import (
    is_admitted,
    is_alternate_of,
    is_focal_point_of,
    is_network_member,
    is_staff,
)

from .enums import RegistrationStatus


def _cached(user, event, key, compute):
    """Memoize per (user object, event): a page asks the same question several times."""
    if not user.is_authenticated or event is None:
        return False
    cache = user.__dict__.setdefault("_event_rules", {})
    if (key, event.pk) not in cache:
        cache[(key, event.pk)] = compute()
    return cache[(key, event.pk)]


@rules.predicate
def is_event_organizer(user, event):
    """A focal point (or alternate) of an organizing organization, or a person given the
    organizer role for this event."""

    def compute():
        from members.models import Membership

        from .models import EventOrganizer

        if EventOrganizer.objects.filter(page_id=event.pk, user_id=user.pk).exists():
            return True
        return (
            Membership.objects.spokespeople()
            .filter(user_id=user.pk, organization__organized_events=event.pk)
            .exists()
        )

    return _cached(user, event, "organizer", compute)


@rules.predicate
def is_confirmed_participant(user, event):
    def compute():
        return event.registrations.filter(
            user_id=user.pk, status=RegistrationStatus.CONFIRMED
        ).exists()

    return _cached(user, event, "participant", compute)


@rules.predicate
def shows_participants(user, event):
    return event is not None and event.show_participants


@rules.predicate
def takes_registrations(user, event):
    return event is not None and event.registration_enabled


organizes = is_staff | is_event_organizer

rules.add_perm("events.manage_event", organizes)
rules.add_perm("events.view_online_details", organizes | is_confirmed_participant)
rules.add_perm(
    "events.view_participants", organizes | (is_confirmed_participant & shows_participants)
)
# Representing an organization requires belonging to an admitted one.
rules.add_perm("events.register", rules.is_authenticated & is_network_member & takes_registrations)
# On events with a per-organization quota, an admitted organization's focal point or alternate
# decides which of its people's registrations use its places. Object: the organization.
rules.add_perm(
    "events.approve_for_organization", is_admitted & (is_focal_point_of | is_alternate_of)
)
