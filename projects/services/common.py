"""What the project services share: field lists, locking, links and notifications."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from network.platform.email import email_on_commit
from network.platform.services import absolute_url

from ..enums import (
    ProjectRole,
    ProjectStatus,
)
from ..models import (
    ProjectNotification,
    ResearchProject,
)

# Paths under /projects/ that a project's slug must never shadow.
RESERVED_SLUGS = {"new", "mine", "notifications"}

EDITABLE_FIELDS = (
    "title",
    "summary",
    "language",
    "research_questions",
    "methodology",
    "countries",
    "themes",
    "lead_organization",
    "lead_committed",
    "planned_start",
    "planned_end",
    "informed_consent",
    "child_safeguarding",
    "no_personal_data",
    "ethics_review_body",
    "contact_details",
    "internal_notes",
)
# What the secretariat alone keeps: where a seeded project's facts come from.
CURATED_FIELDS = ("source_document", "source_quote")


def _notify_on_commit(*, users, project, subject, template, context):
    """Tell people on the site now and by email after commit: a rolled-back write notifies
    nobody, because the notification rows roll back with it and the email is never queued.
    `subject` may be a function of the person told, when it names someone they may not see."""
    users = [user for user in users if user is not None]
    ProjectNotification.objects.bulk_create(
        ProjectNotification(
            user=user,
            project=project,
            text=(subject(user) if callable(subject) else subject)[:300],
        )
        for user in users
    )
    email_on_commit(
        to=users,
        subject=subject,
        template=template,
        context={**context, "project": project, "url": absolute_url(project.get_absolute_url())},
    )


def _leads(project):
    return [
        member.user
        for member in project.members.filter(role=ProjectRole.LEAD).select_related("user")
    ]


def _check_lead_organization(user, organization):
    if (
        organization is None
        or not user.memberships.in_member_organizations().filter(organization=organization).exists()
    ):
        raise ValidationError(
            {
                "lead_organization": _(
                    "You can only lead a project for a member organization you belong to."
                )
            }
        )


def _locked(project):
    return ResearchProject.objects.select_for_update().get(pk=project.pk)


def _set_links(project, *, by, priorities=None, gaps=None):
    """Link the project to agenda priorities and data gaps (None leaves a list as it is).
    An active project claims the open or stale gaps it takes on."""
    if priorities is not None:
        project.priorities.set(list(priorities))
    if gaps is not None:
        gaps = list(gaps)
        added = {gap.pk for gap in gaps} - set(project.gaps.values_list("pk", flat=True))
        project.gaps.set(gaps)
        if project.status == ProjectStatus.ACTIVE and added:
            _claim_gaps(project, by=by, gap_ids=added)


def _claim_gaps(project, *, by, gap_ids=None):
    """Claim the project's open or stale gaps: they become "being addressed"."""
    from network.gaps.enums import GapStatus
    from network.gaps.services import gap_claim

    gaps = project.gaps.filter(status__in=[GapStatus.OPEN, GapStatus.STALE]).order_by("pk")
    if gap_ids is not None:
        gaps = gaps.filter(pk__in=gap_ids)
    for gap in gaps:
        gap_claim(gap=gap, project=project, by=by)
