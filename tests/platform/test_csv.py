"""Every CSV download, on pages and in the API, neutralizes cells a spreadsheet would run as a
formula: one csv_cell (network/platform/csv.py) for all of them."""

import csv
import io

import pytest

from events.models import EventQuestion
from network.agenda.enums import PriorityStatus
from network.platform.api import MAX_EXPORT_ROWS, export_of
from network.platform.csv import csv_cell
from projects.enums import ProjectStatus
from tests.factories import MembershipFactory, OrganizationFactory
from tests.factories.events import EventPageFactory, RegistrationFactory
from tests.factories.gaps import DataGapFactory, IndicatorFactory, PriorityFactory
from tests.factories.library import PublicationFactory
from tests.factories.projects import ResearchProjectFactory

STARTS = ["=", "+", "-", "@", "\t", "\r"]


@pytest.mark.parametrize("start", STARTS)
def test_csv_cell_neutralizes_each_formula_start(start):
    assert csv_cell(f"{start}SUM(A1)") == f"'{start}SUM(A1)"


def test_csv_cell_leaves_other_text_and_joins_lists():
    assert csv_cell("Child trafficking = data") == "Child trafficking = data"
    assert csv_cell(["a", "b"]) == "a;b"
    assert csv_cell(None) == ""
    assert csv_cell(2004) == "2004"


def cells(response):
    assert response.status_code == 200, response.content[:200]
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return [cell for row in csv.reader(io.StringIO(response.content.decode())) for cell in row]


@pytest.mark.django_db
def test_every_csv_export_neutralizes_each_formula_start(client):
    organizer = None
    for n, start in enumerate(STARTS):
        payload = f"{start}HYPERLINK({n})"
        organization = OrganizationFactory(name=payload, slug=f"payload-org-{n}")
        DataGapFactory(title=payload, reported_by=organization)
        IndicatorFactory(name=payload)
        PublicationFactory(title=payload, publishers=[organization])
        PriorityFactory(title=payload, status=PriorityStatus.ADOPTED)
        ResearchProjectFactory(title=payload, status=ProjectStatus.RECRUITING)
        if organizer is None:
            event = EventPageFactory(title=payload, slug="payload-event", organizers=[organization])
            EventQuestion.objects.create(page=event, label="Topic")
            organizer = MembershipFactory(organization=organization, role="focal_point").user
        RegistrationFactory(event=event, organization=organization, answers={"Topic": payload})

    exports = {
        "/gaps/export.csv": client.get("/gaps/export.csv"),
        "/agenda/adopted.csv": client.get("/agenda/adopted.csv"),
    }
    for path in ("organizations", "gaps", "indicators", "publications", "priorities", "projects"):
        exports[path] = client.get(f"/api/v1/{path}/export.csv")
    client.force_login(organizer)
    exports["manage/export"] = client.get("/events/payload-event/manage/export/")

    for name, response in exports.items():
        found = [cell for cell in cells(response) if "HYPERLINK(" in cell]
        assert len({cell[-3:] for cell in found}) == len(STARTS), (name, found)
        assert all(cell.startswith("'") for cell in found), (name, found)


def test_export_of_cuts_at_the_export_limit_and_prepares_before_serializing():
    rows = [{"n": n} for n in range(MAX_EXPORT_ROWS + 5)]
    response = export_of(
        rows,
        ["n", "double"],
        "numbers.csv",
        prepare=lambda page: [{**row, "double": 2 * row["n"]} for row in page],
        item=lambda row: {**row, "unused": None},
    )
    lines = response.content.decode().splitlines()
    assert (lines[0], lines[1], lines[-1], len(lines)) == (
        "n,double",
        "0,0",
        f"{MAX_EXPORT_ROWS - 1},{2 * (MAX_EXPORT_ROWS - 1)}",
        MAX_EXPORT_ROWS + 1,
    )
