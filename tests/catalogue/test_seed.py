import os
from pathlib import Path

import pytest
from django.conf import settings

from members import seed as member_seed
from network.catalogue import seed
from network.catalogue.enums import AccessCondition
from network.catalogue.models import Dataset

pytestmark = pytest.mark.django_db
SOURCES_DIR = Path(
    os.environ.get("SEED_SOURCES_DIR", settings.BASE_DIR.parent / "shared" / "seeds")
)


def test_iom_database_is_seeded_once_owned_by_iom(client):
    member_seed.load()
    assert seed.load() == 1
    assert seed.load() == 0
    dataset = Dataset.objects.get()
    assert (dataset.owner.slug, dataset.access) == ("iom", AccessCondition.NOT_STATED)
    assert (dataset.year_from, dataset.year_to, dataset.forms) == (None, None, [])
    body = client.get(f"/data/{dataset.slug}/").content.decode()
    assert "Not stated in the sources." in body
    assert "46 IOM missions" in body


def test_seed_without_its_owner_creates_nothing():
    assert seed.load() == 0
    assert Dataset.objects.count() == 0


@pytest.mark.skipif(not SOURCES_DIR.is_dir(), reason="no seed documents")
def test_seed_quote_is_the_sources_text():
    text = " ".join((SOURCES_DIR / seed.DATASETS[0]["source_document"]).read_text().split())
    assert seed.DATASETS[0]["source_quote"] in text
