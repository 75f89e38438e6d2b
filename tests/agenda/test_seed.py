from io import StringIO

import pytest
from django.core.management import call_command

from network.agenda.enums import PriorityStatus
from network.agenda.models import PriorityStatusChange, ResearchPriority
from network.gaps.models import Country, DataGap, Indicator

pytestmark = pytest.mark.django_db


def _load():
    call_command("load_network_data", stdout=StringIO())


def test_seed_creates_register_and_agenda_once():
    _load()
    counts = (
        DataGap.objects.count(),
        Indicator.objects.count(),
        ResearchPriority.objects.count(),
        PriorityStatusChange.objects.count(),
    )
    assert counts[0] >= 12 and counts[1] >= 8
    assert Country.objects.count() == 51
    assert all(i.gaps.exists() for i in Indicator.objects.all())
    adopted = ResearchPriority.objects.filter(status=PriorityStatus.ADOPTED)
    assert adopted.count() == 6
    for priority in adopted:
        assert priority.history.last().reason == "Adopted at the 2004 Florence expert workshop"
    patterns = adopted.get(title__startswith="Information gaps on the patterns")
    assert patterns.gaps.count() == 4
    ResearchPriority.objects.filter(pk=patterns.pk).update(rationale="Edited", status="retired")
    DataGap.objects.filter(title__startswith="Re-trafficking").update(status="being_addressed")
    _load()
    assert (
        DataGap.objects.count(),
        Indicator.objects.count(),
        ResearchPriority.objects.count(),
        PriorityStatusChange.objects.count(),
    ) == counts
    patterns.refresh_from_db()
    assert (patterns.rationale, patterns.status) == ("Edited", "retired")
    assert DataGap.objects.get(title__startswith="Re-trafficking").status == "being_addressed"


def test_seed_heatmap_and_adopted_pages_render(client):
    _load()
    heatmap = client.get("/gaps/heatmap/").content.decode()
    assert "Kyrgyzstan" in heatmap and "Commonwealth of Independent States" in heatmap
    adopted = client.get("/agenda/adopted/").content.decode()
    assert "Internal trafficking is under-researched" in adopted
