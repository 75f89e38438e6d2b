"""A list of choices stored as comma-joined text, so that it filters alike on SQLite and
PostgreSQL (JSON `contains` does not exist on SQLite)."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext


class ChoiceListField(models.CharField):
    """Several values of one TextChoices enum. Filter with `choice_list_has(field, value)`."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 200)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", list)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if value is None or value == "":
            return []
        if isinstance(value, str):
            return [item for item in value.split(",") if item]
        return list(value)

    def from_db_value(self, value, expression, connection):
        return self.to_python(value)

    def get_prep_value(self, value):
        if isinstance(value, (list, tuple)):
            return ",".join(value)
        return value

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))

    def validate(self, value, model_instance):
        allowed = {str(key) for key, _ in self.choices or []}
        bad = [item for item in value or [] if item not in allowed]
        if bad:
            raise ValidationError(
                gettext("Unknown value: %(values)s.") % {"values": ", ".join(bad)},
                code="invalid_choice",
            )
        if not value and not self.blank:
            raise ValidationError(self.error_messages["blank"], code="blank")

    def run_validators(self, value):
        super().run_validators(self.get_prep_value(value))

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=self.choices,
            required=not self.blank,
            # capfirst keeps the lazy name lazy: the label is read in the reader's language.
            label=kwargs.get("label", capfirst(self.verbose_name)),
            help_text=self.help_text,
            widget=forms.CheckboxSelectMultiple,
        )


def choice_list_has(field, value):
    """A Q-style lookup dict: the comma-joined list holds exactly this value."""
    return {f"{field}__regex": rf"(^|,){value}(,|$)"}
