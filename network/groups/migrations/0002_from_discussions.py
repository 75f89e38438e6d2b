"""Copy the working groups that discussions kept into network.groups, with the same ids (so
rooms keep pointing at their group: discussions 0003 only repoints the foreign key).

What becomes of the old per-person data:
- name, slug and creation time are kept; the description becomes the mandate;
- the group was in use, so it is active (approved by nobody on record);
- each convener's member organizations become convening organizations, and members too;
- each member's member organizations become member organizations, joined when the group
  was created.
People without a membership in an admitted member organization give their group no
organization: they lose access to its restricted rooms (staff still see them, and a
spokesperson can ask to join). Organizations count once, however many people they had there.
"""

from django.core.management.color import no_style
from django.db import migrations

ACTIVE = "active"
MEMBER = "member"
ADMITTED = "member"


def copy_groups(apps, schema_editor):
    Old = apps.get_model("discussions", "WorkingGroup")
    New = apps.get_model("groups", "WorkingGroup")
    GroupMembership = apps.get_model("groups", "GroupMembership")
    Membership = apps.get_model("members", "Membership")

    def organizations_of(users):
        return set(
            Membership.objects.filter(user__in=users, organization__status=ADMITTED)
            .values_list("organization_id", flat=True)
        )

    copied = False
    for old in Old.objects.order_by("pk"):
        group = New.objects.create(
            pk=old.pk, name=old.name, slug=old.slug, mandate=old.description,
            status=ACTIVE, created_at=old.created_at,
        )  # fmt: skip
        conveners = organizations_of(old.conveners.all())
        group.conveners.set(conveners)
        for organization_id in sorted(conveners | organizations_of(old.members.all())):
            GroupMembership.objects.create(
                group=group, organization_id=organization_id, status=MEMBER,
                requested_at=old.created_at, joined_at=old.created_at,
            )  # fmt: skip
        copied = True
    if copied:
        # Rows inserted with their ids: the next new group must not take one of them.
        with schema_editor.connection.cursor() as cursor:
            for sql in schema_editor.connection.ops.sequence_reset_sql(no_style(), [New]):
                cursor.execute(sql)


def copy_back(apps, schema_editor):
    Old = apps.get_model("discussions", "WorkingGroup")
    New = apps.get_model("groups", "WorkingGroup")
    for group in New.objects.order_by("pk"):
        Old.objects.create(
            pk=group.pk, name=group.name, slug=group.slug,
            description=group.mandate[:2000], created_at=group.created_at,
        )  # fmt: skip


class Migration(migrations.Migration):

    dependencies = [
        ('groups', '0001_initial'),
        ('discussions', '0002_working_groups'),
        ('members', '0006_organization_source_document_and_more'),
    ]

    operations = [migrations.RunPython(copy_groups, copy_back)]
