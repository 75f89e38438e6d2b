from datetime import timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

from network.platform.forms import ContentLanguageField

from . import group_access
from .enums import ReportReason, RoomVisibility
from .models import BODY_MAX_LENGTH, Topic

MUTE_DURATIONS = {
    "1h": (_("1 hour"), timedelta(hours=1)),
    "1d": (_("1 day"), timedelta(days=1)),
    "7d": (_("1 week"), timedelta(days=7)),
    "30d": (_("30 days"), timedelta(days=30)),
}


class MessageForm(forms.Form):
    topic = forms.ModelChoiceField(
        queryset=Topic.objects.none(),
        required=False,
        empty_label=_("— New topic —"),
        label=_("Topic"),
    )
    new_topic = forms.CharField(
        label=_("New topic title"),
        max_length=120,
        required=False,
        help_text=_("Or start a new topic."),
    )
    body = forms.CharField(
        label=_("Message"),
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Markdown: **bold**, _italics_, [links](https://…), lists, `code`. "
            "Mention people with @name. Never include personal data of trafficked persons."
        ),
    )
    language = ContentLanguageField()
    client_id = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, room, topic=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fixed_topic = topic
        if topic is not None:
            del self.fields["topic"]
            del self.fields["new_topic"]
        else:
            open_topics = Topic.objects.filter(room=room, locked=False)
            self.fields["topic"].queryset = open_topics.order_by("title")
            # The first message goes where the conversation is: the latest open topic,
            # rather than a new topic whose title nobody has typed yet.
            if not self.is_bound:
                latest = open_topics.order_by("-last_message_at", "-pk").first()
                self.fields["topic"].initial = latest

    def clean(self):
        data = super().clean()
        if data.get("new_topic"):
            # A title typed for a new topic wins over the topic chosen by default.
            data["topic"] = None
        if self.fixed_topic is None and not data.get("topic") and not data.get("new_topic"):
            raise forms.ValidationError(_("Choose a topic or give a new topic a title."))
        return data


class MessageEditForm(forms.Form):
    body = forms.CharField(
        label=_("Message"), max_length=BODY_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 5})
    )
    # The view starts it at the message's recorded language: an edit keeps it unless changed.
    language = ContentLanguageField()


class HideForm(forms.Form):
    reason = forms.CharField(
        max_length=300,
        required=False,
        label=_("Reason"),
        help_text=_("Kept for moderators; not shown to others."),
    )


class MuteForm(forms.Form):
    duration = forms.ChoiceField(
        choices=[(key, label) for key, (label, _delta) in MUTE_DURATIONS.items()],
        initial="1d",
        label=_("Duration"),
    )
    reason = forms.CharField(max_length=300, required=False, label=_("Reason"))

    @property
    def delta(self):
        return MUTE_DURATIONS[self.cleaned_data["duration"]][1]

    @property
    def label(self):
        return MUTE_DURATIONS[self.cleaned_data["duration"]][0]


class ResolveForm(forms.Form):
    decision_note = forms.CharField(
        label=_("Decision (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RoomForm(forms.Form):
    title = forms.CharField(max_length=200, label=_("Title"))
    description = forms.CharField(
        max_length=2000, required=False, widget=forms.Textarea, label=_("Description")
    )
    working_group = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=_("Working group"),
        help_text=_("A working group's conveners moderate its rooms."),
    )
    visibility = forms.ChoiceField(
        choices=RoomVisibility.choices,
        initial=RoomVisibility.NETWORK,
        label=_("Visibility"),
        help_text=_(
            "A restricted room is seen only by the working group's members (or the room's "
            "member list) and by staff."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        groups = group_access.all_groups()
        if not user.has_perm("discussions.open_room_for_any_group"):
            # Conveners open rooms for their own groups only.
            groups = groups.filter(pk__in=group_access.groups_convened_by(user))
            self.fields["working_group"].required = True
            self.fields["working_group"].empty_label = None
        self.fields["working_group"].queryset = groups


class MoveTopicForm(forms.Form):
    to_room = forms.ModelChoiceField(
        label=_("Move to"), queryset=None, help_text=_("Rooms you moderate.")
    )
    confirm_wider = forms.BooleanField(
        label=_("Yes, let the people of that room read this topic"),
        required=False,
        help_text=_("Needed when the other room is seen by people who cannot read the topic now."),
    )

    def __init__(self, *args, rooms, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_room"].queryset = rooms


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        choices=ReportReason.choices, widget=forms.RadioSelect, label=_("What is wrong with it?")
    )
    comment = forms.CharField(
        label=_("Comment (optional; needed for “Other”)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Only the room's moderators and the secretariat read it. Never include personal "
            "data of trafficked persons."
        ),
    )


class ReportResolveForm(forms.Form):
    HIDE, DISMISS = "hide", "dismiss"
    decision = forms.ChoiceField(
        choices=[
            (HIDE, _("Hide the message for everybody")),
            (DISMISS, _("Take no action: the message stays")),
        ],
        widget=forms.RadioSelect,
        label=_("Decision"),
    )
    note = forms.CharField(
        max_length=300,
        required=False,
        label=_("Note (optional)"),
        help_text=_("Kept for moderators; not shown to others."),
    )
