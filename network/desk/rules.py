"""Who may do what with notices. A predicate rather than has_perm for acknowledging: a
superuser passes every has_perm, but only an organization's spokespeople speak for it."""

import rules

from members.rules import is_alternate_of, is_focal_point_of, is_network_member


def may_acknowledge(user, notice, organization):
    return (
        user.is_authenticated
        and notice.recipients.filter(pk=organization.pk).exists()
        and (is_focal_point_of(user, organization) or is_alternate_of(user, organization))
    )


@rules.predicate
def may_read_notice(user, notice):
    return notice is not None and (notice.is_public or user.is_staff or is_network_member(user))


@rules.predicate
def is_secretariat(user):
    return user.is_staff


rules.add_perm("desk.view_notice_text", may_read_notice)
rules.add_perm("desk.add_notice", is_secretariat)
rules.add_perm("desk.remind_notice", is_secretariat)
