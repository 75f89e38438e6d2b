from django.db import models


class Theme(models.TextChoices):
    PATTERNS = "patterns", "Patterns and flows"
    ROOT_CAUSES = "root_causes", "Root causes"
    FORMS = "forms", "Forms of exploitation"
    RESPONSES = "responses", "Responses and impact"
    METHODS = "methods", "Methods and data standards"
    ETHICS = "ethics", "Ethics and child participation"


class PriorityStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    UNDER_DISCUSSION = "under_discussion", "Under discussion"
    PUT_TO_NETWORK = "put_to_network", "Put to the network"
    ADOPTED = "adopted", "Adopted"
    NOT_ADOPTED = "not_adopted", "Not adopted"
    RETIRED = "retired", "Retired"


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
    YES = "yes", "Yes"
    NO = "no", "No"
    ABSTAIN = "abstain", "Abstain"


class VoterRole(models.TextChoices):
    """Whose vote it is: the focal point's counts; the alternate's only when the focal point
    has not voted."""

    FOCAL_POINT = "focal_point", "Focal point"
    ALTERNATE = "alternate", "Alternate focal point"
