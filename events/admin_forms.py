"""Wagtail admin forms for event pages: times are typed and shown in the event's time zone,
not the editor's, so "09:00" for a Vienna meeting means 09:00 in Vienna."""

from zoneinfo import ZoneInfo, available_timezones

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.admin.panels import InlinePanel
from wagtail.admin.panels.base import get_form_for_model


def _zone(name):
    return ZoneInfo(name) if name and name in available_timezones() else None


def _read_in(value, zone):
    """The admin parsed the typed time in the editor's time zone; read it in the event's."""
    return timezone.localtime(value).replace(tzinfo=None).replace(tzinfo=zone)


def _show_in(form, names, zone):
    for name in names:
        value = getattr(form.instance, name, None)
        if value is not None and name in form.fields:
            form.initial[name] = value.astimezone(zone).replace(tzinfo=None)


class EventChildAdminForm(WagtailAdminModelForm):
    """Inline items of an event; a session's start and end are in the event's time zone."""

    TIME_FIELDS = ("start", "end")

    def clean(self):
        data = super().clean()
        # The page form handed us the page being edited, already holding the submitted
        # time zone (the page's own fields are cleaned before its inline items).
        page = getattr(self.instance, "page", None)
        zone = _zone(getattr(page, "time_zone", ""))
        if zone:
            for name in self.TIME_FIELDS:
                if data.get(name):
                    data[name] = _read_in(data[name], zone)
        return data


class EventPageAdminForm(WagtailAdminPageForm):
    TIME_FIELDS = ("start", "end", "registration_opens", "registration_closes")

    @classmethod
    def child_form(cls):
        return EventChildAdminForm

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        zone = _zone(self.instance.time_zone) if self.instance.pk else None
        if zone:
            _show_in(self, self.TIME_FIELDS, zone)
        # modelcluster leaves the inline items' link to the page unset until saving; the
        # sessions need it to read their times in the event's zone and to stay within it.
        for formset in self.formsets.values():
            for form in formset.forms:
                if hasattr(form.instance, "page_id"):
                    form.instance.page = self.instance
                    if zone and form.instance.pk:
                        _show_in(form, EventChildAdminForm.TIME_FIELDS, zone)
        for name in self.TIME_FIELDS:
            if name in self.fields:
                self.fields[name].help_text = _("In the event's time zone.")

    def clean(self):
        data = super().clean()
        if zone := _zone(data.get("time_zone")):
            for name in self.TIME_FIELDS:
                if data.get(name):
                    data[name] = _read_in(data[name], zone)
        return data


class SessionInlinePanel(InlinePanel):
    """An InlinePanel whose item form reads times in the event's time zone. (InlinePanel
    builds its item form from WagtailAdminModelForm, ignoring the model's base_form_class.)"""

    def get_form_options(self):
        options = super().get_form_options()
        formset = options["formsets"][self.relation_name]
        child = self.child_edit_handler.get_form_options()
        extra = {}
        if child.get("defer_required_on_fields"):
            extra["defer_required_on_fields"] = child["defer_required_on_fields"]
        formset["form"] = get_form_for_model(
            self.db_field.related_model,
            form_class=EventChildAdminForm,
            fields=child.get("fields", []),
            widgets=child.get("widgets", {}),
            **extra,
        )
        return options
