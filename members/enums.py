from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class OrganizationKind(models.TextChoices):
    UN_AGENCY = "un_agency", _("UN agency")
    INTERGOVERNMENTAL = "intergovernmental", _("Intergovernmental")
    GOVERNMENT = "government", _("Government")
    NGO = "ngo", _("NGO")
    RESEARCH = "research", _("Research / academic")
    OTHER = "other", _("Other")


class OrganizationStatus(models.TextChoices):
    APPLICANT = "applicant", _("Applicant")
    MEMBER = "member", _("Member")
    DECLINED = "declined", pgettext_lazy("organization status", "Declined")
    FORMER = "former", _("Former member")


class MembershipRole(models.TextChoices):
    FOCAL_POINT = "focal_point", _("Focal point")
    ALTERNATE = "alternate", _("Alternate focal point")
    MEMBER = "member", _("Member")


# Who speaks for an organization: its focal point and the alternate.
SPOKESPERSON_ROLES = (MembershipRole.FOCAL_POINT, MembershipRole.ALTERNATE)


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    MEMBERS = "members", _("Network members only")
    HIDDEN = "hidden", pgettext_lazy("profile visibility", "Hidden")


class RequestStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("membership request status", "Pending")
    APPROVED = "approved", pgettext_lazy("membership request status", "Approved")
    DECLINED = "declined", pgettext_lazy("membership request status", "Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class InvitationStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("invitation status", "Pending")
    ACCEPTED = "accepted", _("Accepted")
    REVOKED = "revoked", _("Revoked")
