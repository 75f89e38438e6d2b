"""Partner organizations: invited by the leads, answered by the organization's spokespeople."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import Organization, User
from network.platform.services import service_save

from ..enums import (
    PartnerStatus,
    ProjectStatus,
)
from ..models import (
    PartnerOrganization,
    ResearchProject,
)
from .common import (
    _leads,
    _locked,
    _notify_on_commit,
)


def _spokespeople(organization):
    return organization.memberships.spokespeople().users()


@transaction.atomic
def partner_invite(
    *,
    project: ResearchProject,
    by: User,
    organization: Organization,
    committed: str = "",
) -> PartnerOrganization:
    """Invite a member organization to take part as a partner.

    Side effects: notifies the organization's focal point and alternate on the site and by
    email after commit.
    """
    project = _locked(project)
    if not by.has_perm("projects.manage_team", project):
        raise ValidationError(_("Only the project's leads can invite partners."))
    if project.status == ProjectStatus.DRAFT:
        # A draft stays within its team: propose it before anyone outside hears of it.
        raise ValidationError(_("Propose the project to the network before inviting partners."))
    if project.status in (ProjectStatus.COMPLETED, ProjectStatus.DISCONTINUED):
        raise ValidationError(_("A closed project does not take new partners."))
    if not organization.is_member:
        raise ValidationError({"organization": _("Only member organizations can be partners.")})
    if organization.pk == project.lead_organization_id:
        raise ValidationError(
            {
                "organization": _("%(organization)s already leads the project.")
                % {"organization": organization.name}
            }
        )
    partner = (
        PartnerOrganization.objects.select_for_update()
        .filter(project=project, organization=organization)
        .first()
    )
    if partner is not None and partner.status != PartnerStatus.DECLINED:
        raise ValidationError(
            {
                "organization": _("%(organization)s is already %(status)s.")
                % {
                    "organization": organization.name,
                    "status": partner.get_status_display(),
                }
            }
        )
    # A declined invitation may be renewed: the same row goes back to invited.
    partner = partner or PartnerOrganization(project=project, organization=organization)
    partner.status = PartnerStatus.INVITED
    partner.committed = committed.strip()
    partner.invited_by = by
    partner.invited_at = timezone.now()
    partner.decided_by = None
    partner.decided_at = None
    service_save(partner)
    _notify_on_commit(
        users=_spokespeople(organization),
        project=project,
        subject=_("%(organization)s is invited to partner in %(title)s")
        % {"organization": organization.name, "title": project.title},
        template="projects/email/partner_invited.txt",
        context={"partner": partner, "by": by},
    )
    return partner


@transaction.atomic
def partner_decide(
    *,
    partner: PartnerOrganization,
    by: User,
    accept: bool,
    committed: str | None = None,
) -> PartnerOrganization:
    """The invited organization's focal point (or alternate) answers for the organization.

    Side effects: notifies the project's leads on the site and by email after commit.
    """
    partner = (
        PartnerOrganization.objects.select_for_update()
        .select_related("project", "organization")
        .get(pk=partner.pk)
    )
    if not by.has_perm("projects.decide_partnership", partner):
        raise ValidationError(
            _("Only the focal point or alternate of %(organization)s can answer.")
            % {"organization": partner.organization.name}
        )
    if partner.status != PartnerStatus.INVITED:
        raise ValidationError(_("This invitation has already been answered."))
    partner.status = PartnerStatus.ACCEPTED if accept else PartnerStatus.DECLINED
    if committed is not None and committed.strip():
        partner.committed = committed.strip()
    partner.decided_by = by
    partner.decided_at = timezone.now()
    service_save(partner)
    subject = (
        _("%(organization)s accepted to partner in %(title)s")
        if accept
        else _("%(organization)s declined to partner in %(title)s")
    )
    _notify_on_commit(
        users=_leads(partner.project),
        project=partner.project,
        subject=subject
        % {"organization": partner.organization.name, "title": partner.project.title},
        template="projects/email/partner_decided.txt",
        context={"partner": partner, "accepted": accept},
    )
    return partner
