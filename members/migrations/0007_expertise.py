"""Expertise moves from free taggit tags to a controlled list of its own (members.Expertise),
keeping every person's topics: tags that differ only in case become one entry."""

from django.db import migrations, models
from django.db.models.functions import Lower
from django.utils.text import slugify


def _slug(name, taken):
    base = slugify(name, allow_unicode=True)[:100].strip("-") or "expertise"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def tags_to_expertise(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    TaggedItem = apps.get_model("taggit", "TaggedItem")
    Expertise = apps.get_model("members", "Expertise")
    User = apps.get_model("members", "User")
    user_type = ContentType.objects.filter(app_label="members", model="user").first()
    if user_type is None:
        return
    tagged = TaggedItem.objects.filter(content_type=user_type).select_related("tag")
    by_name, taken, links = {}, set(), set()
    for item in tagged.order_by("tag__name", "pk"):
        name = item.tag.name.strip()[:100]
        if not name:
            continue
        key = name.lower()
        if key not in by_name:
            by_name[key] = Expertise.objects.create(name=name, slug=_slug(name, taken))
        links.add((item.object_id, by_name[key].pk))
    existing = set(User.objects.filter(pk__in={user for user, _ in links}).values_list("pk", flat=True))
    User.expertise.through.objects.bulk_create(
        User.expertise.through(user_id=user, expertise_id=expertise)
        for user, expertise in sorted(links)
        if user in existing
    )
    # The topics live in members now; tags left behind would be read by nobody.
    tagged.delete()


def expertise_to_tags(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Tag = apps.get_model("taggit", "Tag")
    TaggedItem = apps.get_model("taggit", "TaggedItem")
    User = apps.get_model("members", "User")
    user_type, _ = ContentType.objects.get_or_create(app_label="members", model="user")
    for link in User.expertise.through.objects.select_related("expertise"):
        name = link.expertise.name
        tag = Tag.objects.filter(name=name).first() or Tag.objects.create(
            name=name, slug=_slug(name, set(Tag.objects.values_list("slug", flat=True)))
        )
        TaggedItem.objects.get_or_create(tag=tag, content_type=user_type, object_id=link.user_id)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("members", "0006_organization_source_document_and_more"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.CreateModel(
            name="Expertise",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=100, verbose_name="name")),
                (
                    "slug",
                    models.SlugField(
                        allow_unicode=True, max_length=110, unique=True, verbose_name="slug"
                    ),
                ),
            ],
            options={
                "verbose_name": "expertise",
                "verbose_name_plural": "expertise",
                "ordering": [Lower("name")],
                "constraints": [
                    models.UniqueConstraint(
                        Lower("name"),
                        name="expertise_name_unique_ci",
                        violation_error_message="This expertise is already in the list.",
                    )
                ],
            },
        ),
        # The taggit manager keeps its rows in taggit's tables: removing it changes no table.
        migrations.RemoveField(model_name="user", name="expertise"),
        migrations.AddField(
            model_name="user",
            name="expertise",
            field=models.ManyToManyField(
                blank=True,
                related_name="people",
                to="members.expertise",
                verbose_name="expertise",
            ),
        ),
        migrations.RunPython(tags_to_expertise, expertise_to_tags),
    ]
