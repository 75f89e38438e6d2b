from django.db import models


class OrganizationKind(models.TextChoices):
    UN_AGENCY = "un_agency", "UN agency"
    INTERGOVERNMENTAL = "intergovernmental", "Intergovernmental"
    GOVERNMENT = "government", "Government"
    NGO = "ngo", "NGO"
    RESEARCH = "research", "Research / academic"
    OTHER = "other", "Other"


class OrganizationStatus(models.TextChoices):
    APPLICANT = "applicant", "Applicant"
    MEMBER = "member", "Member"
    DECLINED = "declined", "Declined"
    FORMER = "former", "Former member"


class MembershipRole(models.TextChoices):
    FOCAL_POINT = "focal_point", "Focal point"
    ALTERNATE = "alternate", "Alternate focal point"
    MEMBER = "member", "Member"


# Who speaks for an organization: its focal point and the alternate.
SPOKESPERSON_ROLES = (MembershipRole.FOCAL_POINT, MembershipRole.ALTERNATE)


class Visibility(models.TextChoices):
    PUBLIC = "public", "Public"
    MEMBERS = "members", "Network members only"
    HIDDEN = "hidden", "Hidden"


class RequestStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    APPROVED = "approved", "Approved"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"


class InvitationStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    ACCEPTED = "accepted", "Accepted"
    REVOKED = "revoked", "Revoked"
