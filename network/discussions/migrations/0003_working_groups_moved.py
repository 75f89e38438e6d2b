"""Working groups moved to network.groups (groups 0002 copied them, keeping their ids): rooms
now point at groups.WorkingGroup, and the old model goes. The rooms' working_group_id values
stay as they were, so every room still belongs to its group."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('discussions', '0002_working_groups'),
        ('groups', '0002_from_discussions'),
    ]

    operations = [
        migrations.AlterField(
            model_name='room',
            name='working_group',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='rooms', to='groups.workinggroup'),
        ),
        migrations.RemoveField(model_name='workinggroup', name='conveners'),
        migrations.RemoveField(model_name='workinggroup', name='members'),
        migrations.DeleteModel(name='WorkingGroup'),
    ]
