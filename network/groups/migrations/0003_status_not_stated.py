"""A status for groups whose status the sources do not state, and the seeded CBSS group moved
to it: the seed had listed it as active, which the sources never say (invariant 6)."""

from django.db import migrations, models

SLUG = "cbss-expert-group-children-at-risk"
SOURCE = "002_7ba33534f483e0b9.txt"


def to_unstated(apps, schema_editor):
    # Only the seeded group, and only if nobody has set its status since (decided_by empty).
    apps.get_model("groups", "WorkingGroup").objects.filter(
        slug=SLUG, source_document=SOURCE, status="active", decided_by__isnull=True
    ).update(status="unstated")


def to_active(apps, schema_editor):
    apps.get_model("groups", "WorkingGroup").objects.filter(
        slug=SLUG, source_document=SOURCE, status="unstated"
    ).update(status="active")


class Migration(migrations.Migration):
    dependencies = [
        ("groups", "0002_from_discussions"),
    ]

    operations = [
        migrations.AlterField(
            model_name="workinggroup",
            name="status",
            field=models.CharField(
                choices=[
                    ("proposed", "Proposed"),
                    ("active", "Active"),
                    ("unstated", "Status not stated in the sources"),
                    ("closed", "Closed"),
                ],
                default="proposed",
                max_length=10,
                verbose_name="status",
            ),
        ),
        migrations.RunPython(to_unstated, to_active),
    ]
