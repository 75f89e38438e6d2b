"""The member directory and the organization page: filters, bad filter values, paging,
who is listed, and a constant number of queries however many rows there are."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from members.enums import MembershipRole, OrganizationKind, OrganizationStatus, Visibility
from tests.factories import MembershipFactory, OrganizationFactory


def shows(response, text):
    return escape(text) in response.content.decode()


def listed(response):
    """The organization names on the directory page, in order."""
    return re.findall(r'<h2><a href="/members/[\w-]+/">([^<]+)</a></h2>', response.content.decode())


@pytest.fixture
def three_organizations(db):
    return [
        OrganizationFactory(
            name="Balkan Child Data Institute",
            kind=OrganizationKind.RESEARCH,
            headquarters_country="RS",
            countries=["RS", "MD"],
            mandate="Surveys of child labour migration.",
        ),
        OrganizationFactory(
            name="Nordic Ministry Unit",
            acronym="NMU",
            kind=OrganizationKind.GOVERNMENT,
            headquarters_country="NO",
            countries=["NO"],
            mandate="Coordinates referral of children at risk.",
        ),
        OrganizationFactory(
            name="Moldova Outreach",
            kind=OrganizationKind.NGO,
            headquarters_country="MD",
            countries=[],
            mandate="Runs shelters and collects anonymised statistics.",
        ),
    ]


def test_directory_lists_members_alphabetically(client, three_organizations):
    response = client.get("/members/")

    assert response.status_code == 200
    assert listed(response) == [
        "Balkan Child Data Institute",
        "Moldova Outreach",
        "Nordic Ministry Unit",
    ]
    assert shows(response, "3 organizations")


def test_directory_alphabetical_ignores_case(client, db):
    for name in ["beta Agency", "Alpha Agency", "Gamma Agency"]:
        OrganizationFactory(name=name)

    response = client.get("/members/")

    assert listed(response) == ["Alpha Agency", "beta Agency", "Gamma Agency"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=government", ["Nordic Ministry Unit"]),
        ("kind=research", ["Balkan Child Data Institute"]),
        # Countries of work or headquarters.
        ("country=MD", ["Balkan Child Data Institute", "Moldova Outreach"]),
        ("country=NO", ["Nordic Ministry Unit"]),
        ("country=FR", []),
        # Text in the name, the acronym or the mandate, any case.
        ("q=balkan", ["Balkan Child Data Institute"]),
        ("q=nmu", ["Nordic Ministry Unit"]),
        ("q=SHELTERS", ["Moldova Outreach"]),
        ("kind=ngo&country=MD", ["Moldova Outreach"]),
        ("kind=government&country=MD", []),
    ],
)
def test_directory_filter_applied(client, three_organizations, query, expected):
    response = client.get(f"/members/?{query}")

    assert response.status_code == 200
    assert listed(response) == expected
    assert not shows(response, "Some filters were not understood")
    if not expected:
        assert shows(response, "No member organization matches these filters.")


@pytest.mark.parametrize(
    ("query", "label", "value"),
    [
        ("kind=bogus", "Kind", "bogus"),
        ("country=ZZ", "Country of work", "ZZ"),
        ("country=md", "Country of work", "md"),
    ],
)
def test_directory_invalid_filter_shows_message(client, three_organizations, query, label, value):
    response = client.get(f"/members/?{query}")

    assert response.status_code == 200
    assert shows(
        response,
        f"Some filters were not understood and were ignored: {label}: "
        f"Select a valid choice. {value} is not one of the available choices.",
    )
    assert len(listed(response)) == 3


def test_directory_invalid_filter_keeps_valid_ones(client, three_organizations):
    response = client.get("/members/?kind=bogus&country=NO")

    assert response.status_code == 200
    assert shows(response, "Some filters were not understood and were ignored: Kind:")
    assert listed(response) == ["Nordic Ministry Unit"]


def test_directory_overlong_text_filter_shows_message(client, three_organizations):
    response = client.get("/members/", {"q": "x" * 101})

    assert response.status_code == 200
    assert shows(response, "Search: Ensure this value has at most 100 characters (it has 101).")
    assert len(listed(response)) == 3


@pytest.fixture
def thirty_organizations(db):
    return [OrganizationFactory(name=f"Agency {n:02d}") for n in range(30)]


def test_directory_paginates_24_per_page(client, thirty_organizations):
    first = client.get("/members/")
    second = client.get("/members/?page=2")

    assert listed(first) == [f"Agency {n:02d}" for n in range(24)]
    assert listed(second) == [f"Agency {n:02d}" for n in range(24, 30)]
    assert shows(first, "30 organizations")
    assert shows(first, "Page 1 of 2")
    assert '<a href="?page=2" rel="next">' in first.content.decode()
    assert shows(second, "Page 2 of 2")


def test_directory_pagination_keeps_filters(client, thirty_organizations):
    OrganizationFactory(name="Zeta Unit", kind=OrganizationKind.GOVERNMENT)

    response = client.get("/members/?kind=ngo")

    assert shows(response, "30 organizations")
    assert '<a href="?kind=ngo&amp;page=2" rel="next">' in response.content.decode()


@pytest.mark.parametrize(
    ("page", "message", "shown"),
    [
        ("abc", "There is no page “abc”: showing page 1 of 2.", range(24)),
        ("9999", "There is no page “9999”: showing page 2 of 2.", range(24, 30)),
        # Out of range either way: Django's paginator falls back to the last page.
        ("0", "There is no page “0”: showing page 2 of 2.", range(24, 30)),
        ("-1", "There is no page “-1”: showing page 2 of 2.", range(24, 30)),
    ],
)
def test_directory_invalid_page_shows_message(client, thirty_organizations, page, message, shown):
    response = client.get("/members/", {"page": page})

    assert response.status_code == 200
    assert shows(response, message)
    assert listed(response) == [f"Agency {n:02d}" for n in shown]


def test_directory_valid_page_shows_no_message(client, thirty_organizations):
    response = client.get("/members/?page=2")

    assert not shows(response, "There is no page")


def test_directory_empty_says_so(client, db):
    response = client.get("/members/")

    assert response.status_code == 200
    assert listed(response) == []
    assert shows(response, "No organization has joined yet.")


@pytest.mark.parametrize(
    "status", [OrganizationStatus.APPLICANT, OrganizationStatus.DECLINED, OrganizationStatus.FORMER]
)
def test_directory_non_members_not_listed(client, org_a, status):
    OrganizationFactory(name="Agency Elsewhere", slug="elsewhere", status=status)

    response = client.get("/members/")

    assert listed(response) == ["Agency A"]
    assert not shows(response, "Agency Elsewhere")


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (OrganizationStatus.APPLICANT, 404),
        (OrganizationStatus.DECLINED, 404),
        (OrganizationStatus.FORMER, 200),
        (OrganizationStatus.MEMBER, 200),
    ],
)
def test_organization_page_by_status(client, db, status, expected):
    OrganizationFactory(name="Agency Elsewhere", slug="elsewhere", status=status)

    response = client.get("/members/elsewhere/")

    assert response.status_code == expected
    assert shows(response, "Agency Elsewhere") is (expected == 200)
    assert shows(response, "A former member of the network.") is (
        status == OrganizationStatus.FORMER
    )


# --- Who is listed on an organization page ---------------------------------------------------


@pytest.fixture
def people_of_a(org_a):
    """One person of Agency A at each visibility, and its focal point."""
    people = {}
    for visibility in Visibility:
        people[visibility] = MembershipFactory(
            organization=org_a,
            user__display_name=f"Colleague {visibility.label}",
            user__visibility=visibility,
        ).user
    people["focal"] = MembershipFactory(
        organization=org_a,
        role=MembershipRole.FOCAL_POINT,
        user__display_name="Fatima Focal",
        user__visibility=Visibility.PUBLIC,
    ).user
    return people


@pytest.mark.parametrize(
    ("viewer", "sees_members_only"),
    [
        ("anonymous", False),
        ("plain_user", False),
        ("member_a", True),
        ("focal_b", True),
        ("staff", True),
    ],
)
def test_organization_page_lists_visible_people(
    client, request, people_of_a, viewer, sees_members_only
):
    if viewer != "anonymous":
        client.force_login(request.getfixturevalue(viewer))

    response = client.get("/members/agency-a/")

    assert response.status_code == 200
    html = response.content.decode()
    assert f'{people_of_a["focal"].pk}/">Fatima Focal</a> — Focal point</li>' in html
    assert shows(response, "Colleague Public")
    assert shows(response, "Colleague Network members only") is sees_members_only
    # Hidden people are never listed, whoever looks.
    assert not shows(response, "Colleague Hidden")
    assert f"/members/people/{people_of_a[Visibility.HIDDEN].pk}/" not in html


def test_organization_page_alternate_listed_with_focal_point(client, org_a, alternate_a):
    alternate_a.display_name = "Ana Alternate"
    alternate_a.save()

    response = client.get("/members/agency-a/")

    assert "Ana Alternate</a> — Alternate focal point</li>" in response.content.decode()


def test_organization_page_manage_links_only_for_managers(client, org_a, focal_a, member_a):
    client.force_login(member_a)
    as_member = client.get("/members/agency-a/")
    client.force_login(focal_a)
    as_focal = client.get("/members/agency-a/")

    assert not shows(as_member, "Edit profile")
    assert shows(as_focal, "Edit profile")
    assert shows(as_focal, "Invite colleagues")


# --- Query counts: the same however many rows ------------------------------------------------


def count_queries(client, path):
    client.get(path)  # warm: roles and second-factor answers are cached after writes
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries), response


@pytest.mark.parametrize("signed_in", [False, True])
def test_directory_query_count_constant(client, member_a, signed_in):
    if signed_in:
        client.force_login(member_a)
    OrganizationFactory.create_batch(9, countries=["MD", "RO"], headquarters_country="AT")
    count_queries(client, "/members/")  # warm the caches Wagtail and Django fill once

    few, response = count_queries(client, "/members/?country=MD")
    assert len(listed(response)) == 10
    OrganizationFactory.create_batch(190, countries=["MD", "RO"], headquarters_country="AT")
    many, response = count_queries(client, "/members/?country=MD")

    assert len(listed(response)) == 24
    assert shows(response, "200 organizations")
    assert many == few


@pytest.mark.parametrize("viewer", ["anonymous", "focal_b"])
def test_organization_page_query_count_constant(client, request, org_a, focal_a, viewer):
    if viewer != "anonymous":
        client.force_login(request.getfixturevalue(viewer))
    MembershipFactory.create_batch(4, organization=org_a, user__visibility=Visibility.PUBLIC)
    count_queries(client, "/members/agency-a/")

    few, response = count_queries(client, "/members/agency-a/")
    assert response.content.decode().count('href="/members/people/') == 5
    MembershipFactory.create_batch(45, organization=org_a, user__visibility=Visibility.PUBLIC)
    many, response = count_queries(client, "/members/agency-a/")

    assert response.content.decode().count('href="/members/people/') == 50
    assert many == few
