"""The one working group the sources name: the CBSS Expert Group on Children at Risk, which
financed the Oslo 2011 conference with the Norwegian ministry (002_7ba33534f483e0b9.txt).

The sources state nothing else about it: no mandate, no conveners, no member organizations
and no meetings of its own, so none are recorded and its page says "not stated in the
sources". (The Innocenti study, 003, names a "CBSS Working Group on Children at Risk"; the
sources do not say it is the same body, so nothing is taken from it.) The sources give no
status either: it is listed with "Status not stated in the sources" until the secretariat
confirms it active or closes it."""

from network.platform import sources

from .enums import GroupStatus
from .models import WorkingGroup

SLUG = "cbss-expert-group-children-at-risk"
NAME = "CBSS Expert Group on Children at Risk"
QUOTE = (
    "The additional conference was financed by the The Norwegian Ministry of Children, "
    "Equality and Social Inclusion and the CBSS Expert Group on Children at Risk."
)
NOT_STATED = "Not stated in the sources."


def load():
    if WorkingGroup.objects.filter(slug=SLUG).exists():
        return 0
    group = WorkingGroup(
        name=NAME,
        slug=SLUG,
        mandate=NOT_STATED,
        status=GroupStatus.UNSTATED,
        source_document=sources.CBSS_PROJECT,
        source_quote=QUOTE,
    )
    group.full_clean()
    group.save()
    return 1
