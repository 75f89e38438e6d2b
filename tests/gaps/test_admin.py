import pytest

from network.gaps.models import DataGap, Indicator
from tests.factories.gaps import DataGapFactory, PriorityFactory

pytestmark = pytest.mark.django_db


def test_admin_staff_inspects_gaps_and_priorities(client, staff):
    gap = DataGapFactory(title="Central Asia")
    priority = PriorityFactory(title="Re-trafficking")
    client.force_login(staff)
    assert "Central Asia" in client.get("/admin/datagaps/").content.decode()
    assert "Central Asia" in client.get(f"/admin/datagaps/inspect/{gap.pk}/").content.decode()
    assert "Re-trafficking" in client.get("/admin/priorities/").content.decode()
    assert client.get(f"/admin/priorities/inspect/{priority.pk}/").status_code == 200


@pytest.mark.parametrize(
    "path", ["/admin/datagaps/new/", "/admin/datagaps/edit/{gap}/", "/admin/priorities/new/"]
)
def test_admin_gap_and_priority_writes_not_offered(client, staff, path):
    gap = DataGapFactory()
    client.force_login(staff)
    response = client.get(path.format(gap=gap.pk))
    assert response.status_code in (302, 403)
    assert DataGap.objects.count() == 1


def test_admin_indicator_create_goes_through_service(client, staff):
    gap = DataGapFactory()
    client.force_login(staff)
    response = client.post(
        "/admin/indicators/new/",
        {
            "name": "Male victims",
            "definition": "Share of men and boys.",
            "unit": "%",
            "disaggregations": ["age"],
            "data_sources": "",
            "gaps": [gap.pk],
        },
    )
    assert response.status_code == 302
    indicator = Indicator.objects.get()
    assert (indicator.name, indicator.disaggregations) == ("Male victims", ["age"])
    assert list(indicator.gaps.all()) == [gap]


def test_admin_refused_to_focal_point(client, focal_a):
    client.force_login(focal_a)
    for path in ("/admin/datagaps/", "/admin/indicators/new/", "/admin/priorities/"):
        assert client.get(path).status_code == 302
