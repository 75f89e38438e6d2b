from io import StringIO

import pytest
from django.core.management import call_command

from network.agenda.enums import PriorityStatus
from network.agenda.models import PriorityStatusChange, ResearchPriority
from network.gaps.models import Country, DataGap, Indicator
from network.platform import sources

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
    assert not ResearchPriority.objects.exclude(status=PriorityStatus.PROPOSED).exists()
    florence = ResearchPriority.objects.filter(source_document=sources.WORKSHOP_2004)
    assert florence.count() == 6
    for priority in florence:
        # The announcement lists the agenda as an expected output; nothing records an adoption.
        assert [(h.to_status, h.reason) for h in priority.history.all()] == [
            (PriorityStatus.PROPOSED, "Expected result of the 2004 Florence expert workshop")
        ]
    patterns = florence.get(title__startswith="Information gaps on the patterns")
    assert patterns.source_quote == (
        "Identification of information gaps on patterns (flows, root causes, uses) and "
        "responses (impact)"
    )
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


def test_seed_heatmap_renders_and_adopted_agenda_is_empty(client):
    _load()
    heatmap = client.get("/gaps/heatmap/").content.decode()
    assert "Kyrgyzstan" in heatmap and "Commonwealth of Independent States" in heatmap
    adopted = client.get("/agenda/adopted/").content.decode()
    assert '<div class="empty">No priority has been adopted yet.</div>' in adopted


def test_seeded_priority_page_shows_its_source(client):
    _load()
    priority = ResearchPriority.objects.get(
        title="The participation and role of children in research"
    )
    html = client.get(f"/agenda/{priority.pk}/").content.decode()
    assert '<h2 id="source-note-heading">Source</h2>' in html
    assert "Clarification on the participation and role of children in the research" in html
    assert sources.WORKSHOP_2004 in html
