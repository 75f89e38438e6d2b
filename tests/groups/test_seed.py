"""The seeded working group says only what the sources say."""

from io import StringIO

import pytest
from django.core.management import call_command

from network.groups.models import WorkingGroup
from network.platform import sources

pytestmark = pytest.mark.django_db


def test_cbss_expert_group_is_seeded_with_its_source_and_nothing_invented(client):
    call_command("load_network_data", stdout=StringIO())
    call_command("load_network_data", stdout=StringIO())  # idempotent
    group = WorkingGroup.objects.get()
    assert group.name == "CBSS Expert Group on Children at Risk"
    assert group.source_document == sources.CBSS_PROJECT
    assert "financed by the The Norwegian Ministry" in group.source_quote
    assert (group.conveners.count(), group.memberships.count(), group.events.count()) == (0, 0, 0)
    page = client.get(group.get_absolute_url()).content.decode()
    assert page.count("Not stated in the sources.") == 3  # mandate, conveners, members
    assert "Seed document 002_7ba33534f483e0b9.txt" in page
