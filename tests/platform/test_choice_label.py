"""choice_label(obj, name) says what obj.get_<name>_display() says, in the current language."""

import pytest
from django.utils import translation

from network.gaps.enums import Area, GapStatus
from network.gaps.models import DataGap
from network.platform.models import choice_label


@pytest.mark.parametrize("status", [*GapStatus.values, "not-a-status", ""])
def test_the_same_label_as_django(status):
    gap = DataGap(title="t", area=Area.FLOWS, status=status)
    assert choice_label(gap, "status") == gap.get_status_display()
    assert choice_label(gap, "area") == gap.get_area_display()


def test_in_the_language_of_the_moment():
    gap = DataGap(title="t", area=Area.FLOWS, status=GapStatus.OPEN)
    english = choice_label(gap, "status")
    with translation.override("fr"):
        french = choice_label(gap, "status")
        assert french == gap.get_status_display()
    assert french != english
    assert choice_label(gap, "status") == english
