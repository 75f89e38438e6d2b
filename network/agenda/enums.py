from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Theme(models.TextChoices):
    PATTERNS = "patterns", _("Patterns and flows")
    ROOT_CAUSES = "root_causes", _("Root causes")
    FORMS = "forms", _("Forms of exploitation")
    RESPONSES = "responses", _("Responses and impact")
    METHODS = "methods", _("Methods and data standards")
    ETHICS = "ethics", _("Ethics and child participation")


class PriorityStatus(models.TextChoices):
    PROPOSED = "proposed", pgettext_lazy("priority status", "Proposed")
    UNDER_DISCUSSION = "under_discussion", pgettext_lazy("priority status", "Under discussion")
    PUT_TO_NETWORK = "put_to_network", pgettext_lazy("priority status", "Put to the network")
    ADOPTED = "adopted", pgettext_lazy("priority status", "Adopted")
    NOT_ADOPTED = "not_adopted", pgettext_lazy("priority status", "Not adopted")
    RETIRED = "retired", pgettext_lazy("priority status", "Retired")


# Moves staff make by hand. Putting to the network opens a vote (priority_vote_open) and the
# vote's close decides adopted / not adopted (priority_vote_close): never a hand move.
PRIORITY_TRANSITIONS = {
    PriorityStatus.PROPOSED: {PriorityStatus.UNDER_DISCUSSION, PriorityStatus.RETIRED},
    PriorityStatus.UNDER_DISCUSSION: {PriorityStatus.PROPOSED, PriorityStatus.RETIRED},
    PriorityStatus.PUT_TO_NETWORK: set(),
    PriorityStatus.ADOPTED: {PriorityStatus.RETIRED},
    PriorityStatus.NOT_ADOPTED: {PriorityStatus.UNDER_DISCUSSION, PriorityStatus.RETIRED},
    PriorityStatus.RETIRED: set(),
}

# Order of the groups on /agenda/.
STATUS_ORDER = [
    PriorityStatus.PUT_TO_NETWORK,
    PriorityStatus.UNDER_DISCUSSION,
    PriorityStatus.PROPOSED,
    PriorityStatus.ADOPTED,
    PriorityStatus.NOT_ADOPTED,
    PriorityStatus.RETIRED,
]


class VoteChoice(models.TextChoices):
    YES = "yes", pgettext_lazy("vote choice", "Yes")
    NO = "no", pgettext_lazy("vote choice", "No")
    ABSTAIN = "abstain", pgettext_lazy("vote choice", "Abstain")


class VoterRole(models.TextChoices):
    """Whose vote it is: the focal point's counts; the alternate's only when the focal point
    has not voted."""

    FOCAL_POINT = "focal_point", _("Focal point")
    ALTERNATE = "alternate", _("Alternate focal point")
