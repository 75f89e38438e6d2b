from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AccessCondition(models.TextChoices):
    OPEN = "open", _("Open")
    MEMBERS = "members", _("On request to network members")
    AGREEMENT = "agreement", _("On request, with a data-sharing agreement")
    NOT_SHAREABLE = "not_shareable", _("Not shareable")
    # For seeded records whose sources do not say how the data is shared: a member may
    # still ask the owner, who decides.
    NOT_STATED = "not_stated", _("Not stated in the sources: ask the owner")


class ContactRole(models.TextChoices):
    FOCAL_POINT = "focal_point", _("Focal point of the owning organization")
    ALTERNATE = "alternate", _("Alternate of the owning organization")


class RequestStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    MORE_INFO = "more_info", _("More information asked")
    APPROVED = "approved", pgettext_lazy("access request status", "Approved")
    DECLINED = "declined", pgettext_lazy("access request status", "Declined")
    DELIVERED = "delivered", _("Delivered")
    ENDED = "ended", _("Access ended")


class RequestAction(models.TextChoices):
    SUBMITTED = "submitted", _("Asked for access")
    MORE_INFO = "more_info", _("Asked for more information")
    ANSWERED = "answered", _("Gave more information")
    APPROVED = "approved", pgettext_lazy("access request action", "Approved")
    DECLINED = "declined", pgettext_lazy("access request action", "Declined")
    DELIVERED = "delivered", _("Marked delivered")
    ENDED = "ended", _("Marked access ended")
    END_DATE_PASSED = "end_date_passed", _("End date passed: both organizations reminded")


# The moves the owner (or, for ANSWERED, the requester) may make from each status.
TRANSITIONS = {
    RequestAction.MORE_INFO: {RequestStatus.SUBMITTED},
    RequestAction.ANSWERED: {RequestStatus.MORE_INFO},
    RequestAction.APPROVED: {RequestStatus.SUBMITTED, RequestStatus.MORE_INFO},
    RequestAction.DECLINED: {RequestStatus.SUBMITTED, RequestStatus.MORE_INFO},
    RequestAction.DELIVERED: {RequestStatus.APPROVED},
    RequestAction.ENDED: {RequestStatus.APPROVED, RequestStatus.DELIVERED},
}

STATUS_AFTER = {
    RequestAction.MORE_INFO: RequestStatus.MORE_INFO,
    RequestAction.ANSWERED: RequestStatus.SUBMITTED,
    RequestAction.APPROVED: RequestStatus.APPROVED,
    RequestAction.DECLINED: RequestStatus.DECLINED,
    RequestAction.DELIVERED: RequestStatus.DELIVERED,
    RequestAction.ENDED: RequestStatus.ENDED,
}

# The smallest group a published figure may describe (as CTDC's k-anonymity).
K_THRESHOLD = 11
