"""groups 0002 and discussions 0003 move working groups out of discussions: the groups keep
their ids, names and descriptions (as mandates), people become their organizations, and every
room still belongs to its group."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

# The people's model as it is now (its later columns exist in the database, not null).
PEOPLE = ("members", "0008_interface_language")
BEFORE = [("discussions", "0002_working_groups"), ("groups", "0001_initial"), PEOPLE]
AFTER = [("discussions", "0003_working_groups_moved"), ("groups", "0002_from_discussions"), PEOPLE]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _latest():
    """Back to the latest state, as the other tests expect to find it, pass or fail."""
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_moving_working_groups_keeps_their_rooms_and_organizations():
    try:
        _check_the_move()
    finally:
        _latest()


def _check_the_move():
    old = _migrate(BEFORE)
    User = old.get_model("members", "User")
    Organization = old.get_model("members", "Organization")
    Membership = old.get_model("members", "Membership")
    OldGroup = old.get_model("discussions", "WorkingGroup")
    Room = old.get_model("discussions", "Room")
    unicef = Organization.objects.create(name="UNICEF", slug="unicef", kind="un", mandate="-",
                                         status="member")  # fmt: skip
    iom = Organization.objects.create(name="IOM", slug="iom", kind="un", mandate="-",
                                      status="member")  # fmt: skip
    applicant = Organization.objects.create(name="Newcomer", slug="newcomer", kind="ngo",
                                            mandate="-", status="applicant")  # fmt: skip
    convener = User.objects.create(email="convener@example.org")
    member = User.objects.create(email="member@example.org")
    outsider = User.objects.create(email="outsider@example.org")
    Membership.objects.create(user=convener, organization=unicef, role="focal_point")
    Membership.objects.create(user=member, organization=iom, role="member")
    Membership.objects.create(user=outsider, organization=applicant, role="member")
    indicators = OldGroup.objects.create(name="Indicators", slug="indicators",
                                         description="Agree on indicators.")  # fmt: skip
    indicators.conveners.set([convener])
    indicators.members.set([member, outsider])
    empty = OldGroup.objects.create(name="Empty", slug="empty")
    room = Room.objects.create(slug="defs", title="Definitions", working_group=indicators,
                               visibility="restricted")  # fmt: skip
    free = Room.objects.create(slug="free", title="Free")

    new = _migrate(AFTER)
    Group = new.get_model("groups", "WorkingGroup")
    Room = new.get_model("discussions", "Room")
    group = Group.objects.get(slug="indicators")
    assert (group.pk, group.name, group.mandate, group.status) == (
        indicators.pk,
        "Indicators",
        "Agree on indicators.",
        "active",
    )
    assert list(group.conveners.values_list("slug", flat=True)) == ["unicef"]
    assert sorted(
        group.memberships.filter(status="member").values_list("organization__slug", flat=True)
    ) == ["iom", "unicef"]
    assert Group.objects.get(slug="empty").pk == empty.pk
    assert Room.objects.get(pk=room.pk).working_group_id == group.pk
    assert Room.objects.get(pk=free.pk).working_group_id is None
    # The next group takes a fresh id, not one of the copied ones.
    assert Group.objects.create(name="New", slug="new").pk > empty.pk


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_status_migration_moves_only_the_seeded_cbss_group_to_not_stated():
    try:
        old = _migrate([("groups", "0002_from_discussions"), PEOPLE])
        Group = old.get_model("groups", "WorkingGroup")
        Group.objects.create(name="CBSS Expert Group on Children at Risk",
                             slug="cbss-expert-group-children-at-risk", status="active",
                             source_document="002_7ba33534f483e0b9.txt")  # fmt: skip
        Group.objects.create(name="Indicators", slug="indicators", status="active")
        new = _migrate([("groups", "0003_status_not_stated"), PEOPLE])
        Group = new.get_model("groups", "WorkingGroup")
        statuses = dict(Group.objects.values_list("slug", "status"))
        assert statuses == {
            "cbss-expert-group-children-at-risk": "unstated",
            "indicators": "active",
        }
    finally:
        _latest()
