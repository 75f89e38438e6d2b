"""Who may do what with country profiles and update rounds. The only place that decides it.

Profiles, once published, are public. A round's answers are seen by the secretariat and by
the answering organization's people, and by no one else until they are published (drafts
stay confidential, as in GRETA's evaluation rounds)."""

import rules

from members.rules import is_alternate_of, is_focal_point_of, is_member_of, is_staff


@rules.predicate
def speaks_for_answering_organization(user, answer):
    """Focal point or alternate of the organization the answer is for. Checked as a
    predicate by the services: nobody, a superuser included, answers for an organization
    they hold no role in."""
    if answer is None:
        return False
    organization = answer.organization
    return is_focal_point_of(user, organization) or is_alternate_of(user, organization)


@rules.predicate
def belongs_to_answering_organization(user, answer):
    return answer is not None and is_member_of(user, answer.organization)


rules.add_perm("countries.manage_rounds", is_staff)
rules.add_perm("countries.answer_round", speaks_for_answering_organization)
rules.add_perm("countries.view_answer", belongs_to_answering_organization | is_staff)
