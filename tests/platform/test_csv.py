"""csv_cell, and every CSV export (pages and API) passing people's text through it."""

import csv
import io

import pytest

from network.agenda.enums import PriorityStatus
from network.platform.csv import csv_cell
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from tests.factories.events import EventPageFactory, RegistrationFactory
from tests.factories.gaps import CountryFactory, DataGapFactory, IndicatorFactory, PriorityFactory
from tests.factories.library import PublicationFactory
from tests.factories.projects import ResearchProjectFactory

FORMULA_STARTS = ["=", "+", "-", "@", "\t", "\r"]
FORMULA = "HYPERLINK(1)"


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_csv_cell_neutralizes_each_formula_start(start):
    assert csv_cell(start + FORMULA) == "'" + start + FORMULA


@pytest.mark.parametrize(
    ("value", "cell"),
    [(None, ""), (42, "42"), ("", ""), ("Plain text", "Plain text"), ("a=b", "a=b")],
)
def test_csv_cell_leaves_other_values_as_text(value, cell):
    assert csv_cell(value) == cell


# Each export: the text a person typed, the URL that exports it and the column it lands in.


def _organization(value, org_a):
    OrganizationFactory(name=value, slug="poisoned")
    return "/api/v1/organizations/export.csv", "name"


def _person(value, org_a):
    MembershipFactory(organization=org_a, user=UserFactory(display_name=value))
    return "/api/v1/people/export.csv", "name"


def _event(value, org_a):
    EventPageFactory(title=value)
    return "/api/v1/events/export.csv", "title"


def _publication(value, org_a):
    PublicationFactory(title=value)
    return "/api/v1/publications/export.csv", "title"


def _priority(value, org_a):
    PriorityFactory(title=value)
    return "/api/v1/priorities/export.csv", "title"


def _gap(value, org_a):
    DataGapFactory(title=value, reported_by=org_a)
    return "/api/v1/gaps/export.csv", "title"


def _indicator(value, org_a):
    IndicatorFactory(name=value)
    return "/api/v1/indicators/export.csv", "name"


def _country(value, org_a):
    CountryFactory(code="AL", study_name=value)
    return "/api/v1/countries/export.csv", "study_name"


def _project(value, org_a):
    ResearchProjectFactory(title=value, lead_organization=org_a)
    return "/api/v1/projects/export.csv", "title"


def _gap_page(value, org_a):
    DataGapFactory(title=value, reported_by=org_a)
    return "/gaps/export.csv", "title"


def _adopted_agenda_page(value, org_a):
    PriorityFactory(title=value, status=PriorityStatus.ADOPTED)
    return "/agenda/adopted.csv", "priority"


def _participants_page(value, org_a):
    event = EventPageFactory(slug="poisoned-event", organizers=[org_a])
    RegistrationFactory(event=event, organization=org_a, user=UserFactory(display_name=value))
    return "/events/poisoned-event/manage/export/", "Name"


EXPORTS = [
    _organization,
    _person,
    _event,
    _publication,
    _priority,
    _gap,
    _indicator,
    _country,
    _project,
    _gap_page,
    _adopted_agenda_page,
    _participants_page,
]


@pytest.mark.parametrize("start", FORMULA_STARTS, ids=repr)
@pytest.mark.parametrize("export", EXPORTS, ids=lambda export: export.__name__.strip("_"))
def test_every_csv_export_neutralizes_formulas(client, org_a, focal_a, export, start):
    url, column = export(start + FORMULA, org_a)
    client.force_login(focal_a)  # the participants list is for the organizers' focal point

    response = client.get(url)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode(), newline="")))
    assert [row[column] for row in rows if FORMULA in row[column]] == ["'" + start + FORMULA]
