from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from network.platform.models import EmailFrequency, EmailPreference


def preference_set(*, address: str, frequency: str) -> EmailPreference:
    """Record how the network emails `address`. An unknown frequency is a ValidationError."""
    if frequency not in EmailFrequency.values:
        raise ValidationError(_("Choose one of the ways the network can email you."))
    preference, _created = EmailPreference.objects.update_or_create(
        address=address.lower(), defaults={"frequency": frequency}
    )
    return preference


def unsubscribe(*, address: str) -> EmailPreference:
    """Stop everything but what must be acknowledged (formal notices still reach the person)."""
    return preference_set(address=address, frequency=EmailFrequency.ESSENTIAL)
