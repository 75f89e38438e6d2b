from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .selectors import second_factor_missing

# Paths a person without two-factor authentication may still reach: the setup itself,
# signing out, and the files those pages need.
_OPEN_PREFIXES = ("/accounts/", "/static/", "/healthz")


class TwoFactorRequiredMiddleware:
    """Whoever `members.needs_mfa` names (staff, editors, moderators, project leads) must turn
    on TOTP before they use anything else. The role is checked first (cached per person,
    members.rules); only for the privileged is their authenticator looked up. Sockets refuse
    the same people (network/discussions/consumers.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and not request.path.startswith(_OPEN_PREFIXES)
            and second_factor_missing(user)
        ):
            messages.warning(
                request,
                _(
                    "Your role on the network (staff, editor, moderator or project lead) needs "
                    "two-factor authentication. Set it up to continue."
                ),
            )
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)
