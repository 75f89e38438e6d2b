"""Wagtail locales for the content languages (issue 19): every existing page already belongs to
the default locale (Wagtail's own migrations gave it one), so this adds the locales editors
translate into, and lets Wagtail's Editors and Moderators groups translate pages."""

from django.conf import settings
from django.db import migrations

GROUPS = ["Editors", "Moderators"]


def add_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)

    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="simple_translation", model="simpletranslation"
    )
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="submit_translation",
        defaults={"name": "Can submit translations"},
    )
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(permission)


def remove_locales(apps, schema_editor):
    # Pages in those locales would lose their locale: leave them (and the permission) be.
    pass


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_search_vector_index"),
        ("wagtailcore", "0096_referenceindex_referenceindex_source_object_and_more"),
        ("simple_translation", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(add_locales, remove_locales, elidable=False)]
