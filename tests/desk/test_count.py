"""The desk count in the header: on every page, cached per person, new after a write."""

import pytest

from tests.factories import MembershipRequestFactory

pytestmark = pytest.mark.django_db


def test_header_count_appears_and_changes_after_a_write(client, org_a, focal_a):
    client.force_login(focal_a)
    assert "Desk 0" in client.get("/members/").content.decode()
    MembershipRequestFactory(organization=org_a)
    assert "Desk 1" in client.get("/members/").content.decode()
    MembershipRequestFactory(organization=org_a)
    assert "Desk 2" in client.get("/agenda/").content.decode()


def test_header_count_is_the_persons_own(client, org_a, focal_a, member_a):
    MembershipRequestFactory(organization=org_a)
    client.force_login(focal_a)
    assert "Desk 1" in client.get("/members/").content.decode()
    client.force_login(member_a)
    assert "Desk 0" in client.get("/members/").content.decode()


def test_header_has_no_desk_for_anonymous(client):
    assert 'class="desk-link"' not in client.get("/members/").content.decode()


def _cache_reads(client, path):
    """How many reads (get, get_many, has_key) the page makes of the default cache."""
    from unittest import mock

    from django.core.cache import caches

    backend = caches["default"]
    counted = {"reads": 0, "depth": 0}
    originals = {name: getattr(backend, name) for name in ("get", "get_many", "has_key")}

    def counting(name):
        # Outermost calls only: the local-memory cache answers get_many with one get per key.
        def read(*args, **kwargs):
            counted["reads"] += counted["depth"] == 0
            counted["depth"] += 1
            try:
                return originals[name](*args, **kwargs)
            finally:
                counted["depth"] -= 1

        return read

    with (
        mock.patch.object(backend, "get", counting("get")),
        mock.patch.object(backend, "get_many", counting("get_many")),
        mock.patch.object(backend, "has_key", counting("has_key")),
    ):
        assert client.get(path).status_code == 200
    return counted["reads"]


def test_header_count_adds_at_most_one_cache_read(client, org_a, focal_a):
    from unittest import mock

    MembershipRequestFactory(organization=org_a)
    client.force_login(focal_a)
    client.get("/desk/")  # works the count out and caches it
    client.get("/agenda/")  # and the page: both measurements see the same cached page
    with_count = _cache_reads(client, "/agenda/")
    assert "Desk 1" in client.get("/agenda/").content.decode()
    with mock.patch("network.desk.templatetags.desk_tags.desk_count", return_value=None):
        without_count = _cache_reads(client, "/agenda/")
    assert with_count - without_count <= 1


# Each kind's count is kept under the versions of what changes it (issue 20, item 5: on a busy
# network every write used to recount every desk, 22 queries, on the next page of each person).


def _fresh(user):
    from members.models import User

    return User.objects.get(pk=user.pk)


def _open_vote():
    from datetime import timedelta

    from django.utils import timezone

    from network.agenda.enums import PriorityStatus
    from tests.factories.gaps import PriorityFactory

    now = timezone.now()
    return PriorityFactory(
        status=PriorityStatus.PUT_TO_NETWORK,
        vote_opens_at=now - timedelta(hours=1),
        vote_closes_at=now + timedelta(days=7),
    )


def test_support_and_profile_edits_leave_the_count_current(org_a, focal_a, member_a):
    from members.services import profile_update
    from network.agenda import services as agenda_services
    from network.desk.selectors import desk_count

    vote = _open_vote()
    assert desk_count(_fresh(focal_a)) == 1
    agenda_services.priority_support(priority=vote, by=member_a)
    profile_update(user=member_a, bio="Researcher on routes.")
    # compute=False answers from the cache alone: None would mean something was recounted.
    assert desk_count(_fresh(focal_a), compute=False) == 1


def test_a_write_recounts_only_the_kinds_it_concerns(org_a, focal_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from network.desk.selectors import desk_count

    _open_vote()
    with CaptureQueriesContext(connection) as everything:
        assert desk_count(_fresh(focal_a)) == 1
    MembershipRequestFactory(organization=org_a)
    focal = _fresh(focal_a)
    assert desk_count(focal, compute=False) is None
    with CaptureQueriesContext(connection) as recount:
        assert desk_count(focal) == 2
    # The organizations spoken for, and the join requests and invitations: not every kind.
    assert len(recount) == 3, [q["sql"] for q in recount.captured_queries]
    assert len(everything) > 10


def test_writes_to_an_app_the_page_cache_does_not_track_change_the_count(org_a, focal_a):
    from network.desk.selectors import desk_count
    from tests.factories.catalogue import AccessRequestFactory, DatasetFactory

    dataset = DatasetFactory(owner=org_a)
    assert desk_count(_fresh(focal_a)) == 0
    AccessRequestFactory(dataset=dataset)
    assert desk_count(_fresh(focal_a)) == 1


def test_a_role_change_or_the_staff_flag_recounts(org_a, focal_a):
    from members.enums import MembershipRole
    from network.desk.selectors import desk_count

    MembershipRequestFactory(organization=org_a)
    assert desk_count(_fresh(focal_a)) == 1
    membership = focal_a.memberships.get(organization=org_a)
    membership.role = MembershipRole.MEMBER
    membership.save()
    assert desk_count(_fresh(focal_a)) == 0
    focal = _fresh(focal_a)
    focal.is_staff = True
    assert desk_count(focal, compute=False) is None


def test_the_desk_page_leaves_each_kinds_count_for_the_header(client, org_a, focal_a):
    from network.desk.selectors import desk_count

    _open_vote()
    MembershipRequestFactory(organization=org_a)
    client.force_login(focal_a)
    assert "2 items ask for action." in client.get("/desk/").content.decode()
    assert desk_count(_fresh(focal_a), compute=False) == 2
