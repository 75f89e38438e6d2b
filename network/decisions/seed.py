"""The one action point the sources record: the Oslo 2011 conference's (002_7ba33534f483e0b9
.txt). The source names no responsible organization and no due date, and states no status:
it is recorded as open, with nobody responsible, and its page says so."""

from events.models import EventPage
from network.platform import sources

from .enums import RecordKind
from .models import Decision, DecisionStatusChange

OSLO_POINT = (
    "Points of action include to secure the rights of children trafficked for the purpose of "
    "exploitation in criminality and in begging."
)
OSLO_QUOTE = (
    "Points of action include to secure the rights of children trafficked for the purpose of "
    "exploitation in criminality and in begging. The results gave input to developing "
    "training material for professionals meeting with asylum seeking children."
)


def load():
    if Decision.objects.filter(source_document=sources.CBSS_PROJECT).exists():
        return 0
    decision = Decision(
        kind=RecordKind.ACTION_POINT,
        text=OSLO_POINT,
        event=EventPage.objects.filter(slug="oslo-2011").first(),
        source_document=sources.CBSS_PROJECT,
        source_quote=OSLO_QUOTE,
    )
    decision.full_clean()
    decision.save()
    DecisionStatusChange.objects.create(
        decision=decision,
        to_status=decision.status,
        note="Seeded from the network's sources; its status since is not stated in the sources.",
    )
    return 1
