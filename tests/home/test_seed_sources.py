"""Seeded content says only what the sources say (DESIGN.md invariant 6). Every date, number
and quoted title the seed loaders write must appear in the seed documents, allowing only the
corrections a loader declares with its reason (CORRECTIONS); every seeded record names its
source document and quotes a line that is in it."""

import os
import re
from datetime import datetime
from importlib import import_module
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from events.models import EventPage
from home.management.commands.load_network_data import SEED_APPS
from members.models import Organization
from network.agenda.models import ResearchPriority
from network.catalogue.models import Dataset
from network.gaps.models import DataGap, Indicator
from network.groups.models import WorkingGroup
from network.library.models import Publication
from network.platform import sources
from projects.models import ResearchProject

SOURCES_DIR = Path(
    os.environ.get("SEED_SOURCES_DIR", settings.BASE_DIR.parent / "shared" / "seeds")
)
pytestmark = pytest.mark.skipif(
    not SOURCES_DIR.is_dir(), reason=f"the seed documents are not at {SOURCES_DIR}"
)
MONTHS = [datetime(2000, m, 1).strftime("%B") for m in range(1, 13)]
# Strings that name things rather than state them: addresses, slugs, time-zone names.
NOT_STATEMENTS = {"slug", "url", "website", "time_zone", "source_document"}
# Text in curly single or double quotes, guillemets, or straight single quotes (not an
# apostrophe: no word character just outside the quotes).
QUOTED = re.compile(
    "\u2018([^\u2018\u2019]+)[\u2018\u2019]|\u201c([^\u201d]+)\u201d|\u00ab([^\u00bb]+)\u00bb"
    "|(?<!\\w)'([^']+)'(?!\\w)"
)


def _flat(text):
    return " ".join(text.split())


def _documents():
    """Each document as written (whitespace collapsed) and with line-end hyphenation undone
    (the Innocenti study breaks words across lines: "Traf-\\nficking")."""
    documents = {}
    for name in sources.ALL:
        raw = (SOURCES_DIR / name).read_text(encoding="utf-8")
        documents[name] = (_flat(raw), _flat(re.sub(r"-[ \t]*\n\s*", "", raw)))
    return documents


def _words(text):
    """A title's words only, so punctuation and case do not count ("Let's talk, Developing"
    in the list is the loader's "Let's talk: Developing")."""
    return " " + " ".join(re.sub(r"[\W_]+", " ", text.lower()).split()) + " "


DOCUMENTS = _documents() if SOURCES_DIR.is_dir() else {}
ALL_TEXT = " ".join(text for pair in DOCUMENTS.values() for text in pair)
ALL_WORDS = _words(ALL_TEXT)


def _seed_modules():
    return [import_module(f"{app}.seed") for app in SEED_APPS]


def _corrections():
    corrections = {}
    for module in _seed_modules():
        corrections.update(getattr(module, "CORRECTIONS", {}))
    return corrections


def _as_in_source(text, corrections):
    for written, (in_source, _reason) in corrections.items():
        text = text.replace(written, in_source)
    return text


def _walk(value, key=None, parent=None):
    """Yield (key, value, parent dict) for every leaf of a seed's data."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _walk(v, k, value)
    elif isinstance(value, list | tuple | set):
        for item in value:
            yield from _walk(item, key, parent)
    else:
        yield key, value, parent


def _seed_data():
    for module in _seed_modules():
        for name, value in vars(module).items():
            # RENAMED keeps the unsupported titles the loader corrects; CORRECTIONS its spellings.
            if name.isupper() and name not in {"CORRECTIONS", "RENAMED"}:
                yield from ((module.__name__, name, *leaf) for leaf in _walk(value))


def _date_in_sources(moment):
    month, day, year = MONTHS[moment.month - 1], moment.day, moment.year
    # "22-23 September 2004", "20-21 June 2011", "July 9, 2009"
    return re.search(
        rf"(?<!\d){day}(?:-\d+)? {month} {year}|{month} {day}, {year}"
        rf"|(?<!\d)\d+-{day} {month} {year}",
        ALL_TEXT,
    )


def test_every_number_date_and_quoted_title_the_seeds_write_is_in_the_sources():
    corrections = _corrections()
    missing = []
    for module, name, key, value, parent in _seed_data():
        where = f"{module}.{name}[{key}]"
        if isinstance(value, datetime):
            if not _date_in_sources(value):
                missing.append(f"{where}: date {value:%d %B %Y}")
        elif isinstance(value, int) and not isinstance(value, bool) and key == "year":
            month = parent.get("month")
            said = f"{MONTHS[month - 1]} {value}" if month else str(value)
            if said not in ALL_TEXT:
                missing.append(f"{where}: {said}")
        elif isinstance(value, str) and key not in NOT_STATEMENTS:
            text = _as_in_source(re.sub(r"<[^>]+>", " ", value), corrections)
            for number in re.findall(r"\d+(?:[.,]\d+)*", text):
                if not re.search(rf"(?<![\d.,]){re.escape(number)}(?![\d]|[.,]\d)", ALL_TEXT):
                    missing.append(f"{where}: number {number} in {value!r}")
            quoted = QUOTED.findall(text)
            for title in (q for groups in quoted for q in groups if q):
                if _words(title) not in ALL_WORDS:
                    missing.append(f"{where}: quoted title {title!r}")
    assert missing == []


def test_every_cited_title_is_in_the_sources():
    """Publication, event and output titles, and the titles evidence cites (less the
    parenthesis naming the publisher), are the sources' own."""
    from events.seed import EVENTS
    from network.gaps.seed import GAPS
    from network.library.seed import PUBLICATIONS
    from projects.seed import PROJECTS

    corrections = _corrections()
    titles = [p["title"] for p in PUBLICATIONS] + [e["title"] for e in EVENTS]
    titles += [o["title"] for p in PROJECTS for o in p["outputs"]]
    titles += [re.sub(r" \([^)]*\)$", "", e["title"]) for g in GAPS for e in g["evidence"]]
    missing = [t for t in titles if _words(_as_in_source(t, corrections)) not in ALL_WORDS]
    assert missing == []


def test_declared_corrections_give_a_reason_and_the_sources_wording():
    corrections = _corrections()
    assert sorted(corrections) == [
        "Caritas Lithuania",
        "Child trafficking in the Netherlands",
        "Netherlands National Committee for UNICEF",
    ]
    for written, (in_source, reason) in corrections.items():
        assert reason, written
        assert in_source in ALL_TEXT, written


@pytest.mark.django_db
def test_every_seeded_record_quotes_its_source_document():
    call_command("load_network_data", stdout=StringIO())
    unsupported = []
    for model in (
        Organization,
        ResearchPriority,
        DataGap,
        Indicator,
        ResearchProject,
        EventPage,
        Publication,
        Dataset,
        WorkingGroup,
    ):
        records = list(model.objects.all())
        assert records, model
        for record in records:
            as_written, dehyphenated = DOCUMENTS.get(record.source_document, ("", ""))
            quote = _flat(record.source_quote)
            if not quote or (quote not in as_written and quote not in dehyphenated):
                unsupported.append(f"{model.__name__} {record}: {record.source_document}")
    assert unsupported == []
