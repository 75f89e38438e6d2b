from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from network.platform.email import frequencies_of, unsubscribe_address

from . import services
from .forms import PreferenceForm


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    """The signed-in person chooses how the network emails them."""
    address = request.user.email
    current = frequencies_of([address])[address.lower()]
    form = PreferenceForm(
        request.POST if request.method == "POST" else None, initial={"frequency": current}
    )
    if request.method == "POST" and form.is_valid():
        services.preference_set(address=address, frequency=form.cleaned_data["frequency"])
        messages.success(request, _("Your email preference is saved."))
        return redirect("email:preferences")
    return render(request, "digests/preferences.html", {"form": form})


# The token is the credential: RFC 8058 one-click POSTs come from mail providers without a
# session or CSRF cookie. GET only asks (mail scanners follow links); POST unsubscribes.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    address = unsubscribe_address(token)
    if address is None:
        return render(request, "digests/unsubscribe_invalid.html", status=400)
    if request.method == "POST":
        services.unsubscribe(address=address)
        return render(request, "digests/unsubscribed.html", {"address": address})
    return render(request, "digests/unsubscribe_confirm.html", {"address": address})
