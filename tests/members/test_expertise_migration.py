"""members 0007 moves each person's expertise from taggit tags to members.Expertise, keeping
every topic; tags that differ only in case become one entry."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("members", "0006_organization_source_document_and_more")]
AFTER = [("members", "0007_expertise")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_expertise_migration_keeps_every_persons_topics():
    old = _migrate(BEFORE)
    User = old.get_model("members", "User")
    Tag = old.get_model("taggit", "Tag")
    TaggedItem = old.get_model("taggit", "TaggedItem")
    ContentType = old.get_model("contenttypes", "ContentType")
    user_type, _ = ContentType.objects.get_or_create(app_label="members", model="user")
    mira = User.objects.create(email="mira@example.org", display_name="Mira")
    ivan = User.objects.create(email="ivan@example.org", display_name="Ivan")
    tags = {
        name: Tag.objects.create(name=name, slug=slug)
        for name, slug in [
            ("data collection", "data-collection"),
            ("Data Collection", "data-collection-2"),
            ("child protection", "child-protection"),
            ("торговля детьми", "torgovlia"),
        ]
    }
    for person, names in [
        (mira, ["data collection", "child protection"]),
        (ivan, ["Data Collection", "торговля детьми"]),
    ]:
        for name in names:
            TaggedItem.objects.create(tag=tags[name], content_type=user_type, object_id=person.pk)

    new = _migrate(AFTER)
    User = new.get_model("members", "User")
    Expertise = new.get_model("members", "Expertise")
    TaggedItem = new.get_model("taggit", "TaggedItem")

    assert sorted(Expertise.objects.values_list("name", "slug")) == [
        ("Data Collection", "data-collection"),
        ("child protection", "child-protection"),
        ("торговля детьми", "торговля-детьми"),
    ]
    topics = {
        user.display_name: sorted(user.expertise.values_list("name", flat=True))
        for user in User.objects.filter(pk__in=[mira.pk, ivan.pk])
    }
    assert topics == {
        "Mira": ["Data Collection", "child protection"],
        "Ivan": ["Data Collection", "торговля детьми"],
    }
    assert TaggedItem.objects.filter(content_type__app_label="members").count() == 0
    # Back to the latest state: going back to members 0006 also undid the apps that depend on
    # 0007 (groups, which recreated discussions' old working-group tables on the way).
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
