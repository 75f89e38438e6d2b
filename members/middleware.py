from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse

# Paths a staff member without two-factor authentication may still reach: the setup itself,
# signing out, and the files those pages need.
_OPEN_PREFIXES = ("/accounts/", "/static/", "/healthz")


class StaffTwoFactorMiddleware:
    """Staff must turn on TOTP before they use anything else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and user.is_staff
            and not request.path.startswith(_OPEN_PREFIXES)
            and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        ):
            messages.warning(
                request,
                "Staff accounts must use two-factor authentication. Set it up to continue.",
            )
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)
