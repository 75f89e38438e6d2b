"""Who may do what with the research agenda. The only place that decides it."""

import rules

from members.rules import (
    is_admitted,
    is_alternate_of,
    is_focal_point_of,
    is_network_member,
    is_staff,
)


@rules.predicate
def is_translator(user, translation):
    return translation is not None and translation.translator_id == user.pk


rules.add_perm("agenda.propose_priority", is_network_member)
# The agenda is public: every member of the network (and the
# secretariat) sees every priority, and may translate it.
rules.add_perm("agenda.translate_priority", is_network_member | is_staff)
rules.add_perm("agenda.change_priority_translation", (is_translator & is_network_member) | is_staff)
rules.add_perm("agenda.transition_priority", is_staff)
rules.add_perm("agenda.support_priority", is_network_member)
# Checked with the organization as the object: one organization, one voice, spoken by its
# focal point or alternate. Superusers pass every has_perm, so services test this predicate
# itself: no one, staff included, speaks for an organization they hold no role in.
speaks_for = (is_focal_point_of | is_alternate_of) & is_admitted
rules.add_perm("agenda.speak_for_organization", speaks_for)
