"""Wagtail admin forms for event pages: times are typed and shown in the event's time zone,
not the editor's, so "09:00" for a Vienna meeting means 09:00 in Vienna."""

from zoneinfo import ZoneInfo, available_timezones

from django.utils import timezone
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm


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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        page = getattr(self.instance, "page", None)
        if self.instance.pk and page is not None and (zone := _zone(page.time_zone)):
            _show_in(self, self.TIME_FIELDS, zone)

    def clean(self):
        data = super().clean()
        # The formset set the page being edited, already holding the submitted time zone.
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
        if self.instance.pk and (zone := _zone(self.instance.time_zone)):
            _show_in(self, self.TIME_FIELDS, zone)
        for name in self.TIME_FIELDS:
            if name in self.fields:
                self.fields[name].help_text = "In the event's time zone."

    def clean(self):
        data = super().clean()
        if zone := _zone(data.get("time_zone")):
            for name in self.TIME_FIELDS:
                if data.get(name):
                    data[name] = _read_in(data[name], zone)
        return data
