from wagtail import hooks

from .services import decision_from_adopted_priority


@hooks.register("priority_adopted")
def record_adopted_priority(*, priority):
    """An adopted agenda vote is a decision of the network."""
    decision_from_adopted_priority(priority=priority)
