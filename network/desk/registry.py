"""Item kinds on the desk, registered by the apps that own the items (in their ready()).

A kind is a function `items_for(*, user, organizations) -> list[DeskItem]`: `organizations`
are the member organizations the person speaks for (read once by the desk), so that each kind
answers with a fixed number of queries however many items there are. `apps` names what changes
the kind's items: app labels ("gaps": any write to the app) or models ("agenda.Vote": writes to
that model only, for an app whose other writes are frequent and change nothing here, such as
support for a priority). The header count keeps each kind's count under the versions of what
it names, so a write recounts only the kinds it concerns; the organizations the person speaks
for and their own rights are followed for every kind (network.desk.selectors).

A kind may also answer `done_for(*, user, organizations, since) -> list[DeskItem]`: what the
organizations (or the person) did since `since`, each with `done_at`, for the desk's "done
recently" list. It is derived from the records the actions wrote (an acknowledgement, a decided
request, a vote), so nothing is stored twice; it too costs a fixed number of queries.
"""

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.apps import apps as django_apps
from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from network.platform.cache import app_version, bump, model_version


@dataclass(frozen=True)
class DeskItem:
    organization: Any  # the Organization addressed, or None for the person themself
    kind: str
    title: str
    reason: str
    url: str
    deadline: datetime | date | None = None
    action_url: str = ""
    action_label: str = ""
    # Hidden fields the action's form posts: ((name, value), ...).
    action_fields: tuple = ()
    done_at: datetime | None = None

    @property
    def due_at(self):
        """The deadline as an aware datetime; a date runs to the end of that day."""
        if self.deadline is None or isinstance(self.deadline, datetime):
            return self.deadline
        return timezone.make_aware(datetime.combine(self.deadline, time.max))


@dataclass(frozen=True)
class Kind:
    key: str
    items_for: Any
    apps: tuple
    done_for: Any = None
    # The version names of what `apps` names (app or model versions).
    versions: tuple = ()


_kinds: dict[str, Kind] = {}


def register(key, items_for, *, apps, done_for=None):
    """Register (or replace, on a second ready()) an item kind under `key`; writes to what
    `apps` names bump its versions from then on."""
    names = tuple(_follow(dependency) for dependency in apps)
    _kinds[key] = Kind(
        key=key, items_for=items_for, apps=tuple(apps), done_for=done_for, versions=names
    )


def kinds():
    return list(_kinds.values())


def _bump_app(sender, **kwargs):
    bump(app_version(sender._meta.app_label))


def _bump_model(sender, **kwargs):
    bump(model_version(sender))


def _follow(dependency):
    """The version name of an app label or a model label, its signals connected: the page
    cache already versions the apps it tracks (settings.PAGE_CACHE_APPS); the desk connects
    the other apps' models (their many-to-many tables too) and the models named alone."""
    if "." in dependency:
        model = django_apps.get_model(dependency)
        for signal in (post_save, post_delete):
            signal.connect(
                _bump_model, sender=model, dispatch_uid=f"desk-{model._meta.label}-{signal}"
            )
        return model_version(model)
    if dependency not in settings.PAGE_CACHE_APPS:
        config = django_apps.get_app_config(dependency)
        for model in config.get_models(include_auto_created=True):
            for signal in (post_save, post_delete, m2m_changed):
                signal.connect(
                    _bump_app, sender=model, dispatch_uid=f"desk-{model._meta.label}-{signal}"
                )
    return app_version(dependency)
