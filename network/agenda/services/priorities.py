"""Proposing a priority, translating it, and moving it along its statuses."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext

from members.models import Organization, User
from network.platform.languages import content_language
from network.platform.services import service_save, translation_check, translation_update

from ..enums import PRIORITY_TRANSITIONS, PriorityStatus
from ..models import PriorityStatusChange, PriorityTranslation, ResearchPriority
from .common import _label, _lock, _record


@transaction.atomic
def priority_propose(
    *,
    by: User,
    organization: Organization,
    title: str,
    rationale: str,
    theme: str,
    gaps=None,
    language: str = "",
) -> ResearchPriority:
    """A network member proposes a priority on behalf of their organization. `language` is
    the language the text is written in; left empty, the writer's active language.

    Side effects: the first history entry (— → proposed).
    """
    if not by.has_perm("agenda.propose_priority"):
        raise PermissionDenied(gettext("Only members of the network propose priorities."))
    if not by.memberships.in_member_organizations().filter(organization=organization).exists():
        raise PermissionDenied(
            gettext("You can propose only for a member organization you belong to.")
        )
    priority = service_save(
        ResearchPriority(
            title=title.strip(),
            rationale=rationale,
            language=content_language(language),
            theme=theme,
            proposed_by=by,
            proposing_organization=organization,
        )
    )
    priority.gaps.set(gaps or [])
    service_save(
        PriorityStatusChange(
            priority=priority,
            from_status="",
            to_status=PriorityStatus.PROPOSED,
            by=by,
            reason="Proposed",
        )
    )
    return priority


@transaction.atomic
def priority_translation_add(
    *, priority: ResearchPriority, by: User, language: str, title: str, rationale: str
) -> PriorityTranslation:
    """A network member translates a priority's title and rationale into another language:
    one translation per language, marked as a member's with who made it; the original stays
    authoritative and unchanged. Nothing is machine-translated.

    Side effects: none beyond the translation.
    """
    if not by.has_perm("agenda.translate_priority", priority):
        raise PermissionDenied(gettext("Only members of the network translate priorities."))
    # The lock serializes two members translating the priority into one language at once.
    priority = _lock(priority)
    translation_check(
        priority,
        language,
        translations=priority.translations,
        written_in=gettext(
            "This priority is written in %(language)s: its original is already in "
            "that language. Choose another language."
        ),
        taken=gettext(
            "This priority already has a translation into %(language)s; its translator can edit it."
        ),
    )
    return service_save(
        PriorityTranslation(
            priority=priority,
            language=language,
            title=title.strip(),
            rationale=rationale.strip(),
            translator=by,
        )
    )


@transaction.atomic
def priority_translation_edit(
    *, translation: PriorityTranslation, by: User, title: str, rationale: str
) -> PriorityTranslation:
    """The translator (or staff) corrects their translation of a priority. Its language
    stays: a translation into another language is another translation.

    Side effects: none beyond the translation.
    """
    if not by.has_perm("agenda.change_priority_translation", translation):
        raise PermissionDenied(gettext("Only its translator and staff edit a translation."))
    return translation_update(translation, title=title, rationale=rationale)


@transaction.atomic
def priority_transition(
    *, priority: ResearchPriority, to_status: str, by: User, reason: str
) -> ResearchPriority:
    """Staff move a priority along an allowed transition, saying why.

    Side effects: a history entry.
    """
    if not by.has_perm("agenda.transition_priority", priority):
        raise PermissionDenied(gettext("Only the network secretariat moves priorities."))
    if not reason.strip():
        raise ValidationError({"reason": gettext("Say why the priority moves.")})
    priority = _lock(priority)
    if to_status not in PRIORITY_TRANSITIONS.get(priority.status, set()):
        raise ValidationError(
            gettext("A priority cannot move from “%(from)s” to “%(to)s”.")
            % {"from": _label(priority.status), "to": _label(to_status)}
        )
    return _record(priority, to_status=to_status, by=by, reason=reason.strip())
