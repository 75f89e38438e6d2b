"""What every app's views share. Running a service from a view: the site's views and the
Wagtail admin's create and edit views call the app's service and tell the person the outcome,
one way everywhere. And the two refusals a view makes before it: a 403 (require_perm) and a
404 for what the person may not see (found_or_404)."""

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_POST
from django.views.i18n import set_language
from wagtail.admin.views.generic.models import CreateView, EditView
from wagtail.log_actions import log

from .forms import SUGGESTED
from .languages import language_save
from .messages import error_messages, error_text

# What run_service does when the service raises PermissionDenied: let it through (Django
# answers 403), or tell the person as it tells a refusal and carry on.
RAISE, TELL = "raise", "tell"


@dataclass(frozen=True)
class Outcome:
    """What run_service returns: true when the service succeeded, with what it returned."""

    ok: bool
    result: Any = None

    def __bool__(self):
        return self.ok


def run_service(
    request,
    service,
    /,
    *,
    success=None,
    on_denied,
    form=None,
    to_fields=False,
    **kwargs,
) -> Outcome:
    """Call `service(**kwargs)` for a view and tell the person the outcome.

    On success, flash `success`: a text, or a function of the service's result that returns
    one (None says nothing). A refusal (ValidationError, and PermissionDenied when `on_denied`
    is TELL) is never a 500: its sentences go on `form` when one is given (on the fields it
    names with `to_fields`, else above the form), otherwise into one error message.
    `on_denied` has no default: each view says whether a refused permission is a 403 (RAISE)
    or a message (TELL), the answer the authorization matrix holds it to.
    """
    try:
        result = service(**kwargs)
    except PermissionDenied as error:
        if on_denied == RAISE:
            raise
        _tell(request, error, form=form, to_fields=False)
        return Outcome(False)
    except ValidationError as error:
        _tell(request, error, form=form, to_fields=to_fields)
        return Outcome(False)
    text = success(result) if callable(success) else success
    if text:
        messages.success(request, text)
    return Outcome(True, result)


def require_perm(request, perm, obj=None):
    """A 403 unless the person has `perm` (on `obj`)."""
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def found_or_404(found, message=None):
    """`found`, or a 404 (saying `message`) when it is None: what a selector does not return
    does not exist for the person asking."""
    if found is None:
        raise Http404 if message is None else Http404(message)
    return found


def form_saved(
    request, form, service, /, *, success=None, on_denied, to_fields=False, data=None, **kwargs
):
    """A form page's save: on a POST whose `form` is valid, run_service calls
    `service(by=request.user, **kwargs, **form.cleaned_data)` and puts its refusals on the
    form. `data(form)`, when given, returns the service's arguments from the valid form
    instead of its cleaned_data (renamed or split fields, a row read afresh). A GET or a form
    with errors runs nothing and returns a failed Outcome, so the view renders the form
    again."""
    if request.method != "POST" or not form.is_valid():
        return Outcome(False)
    return run_service(
        request,
        service,
        success=success,
        on_denied=on_denied,
        form=form,
        to_fields=to_fields,
        by=request.user,
        **kwargs,
        **(form.cleaned_data if data is None else data(form)),
    )


def translation_views(
    *, find, original_as, form_class, body, show_title, add, add_perm, edit, edit_perm
):
    """The two pages where members translate one kind of record they write (a priority, a
    gap): `translate(request, pk)` adds a translation, `translation_edit(request, pk,
    language)` edits one. Returns them in that order, for the app's urls.

    `find(pk)` returns the original or raises 404; `add_perm` (checked on the original) and
    `edit_perm` (on the translation) are the app's rules; `add(by=, <original_as>=original,
    **data)` and `edit(by=, translation=, **data)` its services, whose refused permission is
    a 403. `form_class(data, editing=translation)` is the form, shown beside the original's
    `body` field (and its title, with `show_title`)."""

    def page(request, original, form, *, service, translation=None, **kwargs):
        if translation is not None:
            kwargs["translation"] = translation
        if form_saved(
            request,
            form,
            service,
            success=_("The translation is saved.")
            if translation is not None
            else _("Your translation is saved. Thank you."),
            on_denied=RAISE,
            to_fields=True,
            **kwargs,
        ):
            return redirect(original)
        return render(
            request,
            "includes/translation_form.html",
            {
                "form": form,
                "translation": translation,
                "original_title": original.title,
                "original_body": getattr(original, body),
                "original_language": original.language,
                "show_original_title": show_title,
                "cancel_url": original.get_absolute_url(),
            },
        )

    @login_required
    def translate(request, pk):
        original = find(pk)
        require_perm(request, add_perm, original)
        form = form_class(request.POST if request.method == "POST" else None)
        return page(request, original, form, service=add, **{original_as: original})

    @login_required
    def translation_edit(request, pk, language):
        original = find(pk)
        translation = found_or_404(
            next((t for t in original.translations.all() if t.language == language), None),
            _("No such translation."),
        )
        require_perm(request, edit_perm, translation)
        form = form_class(request.POST if request.method == "POST" else None, editing=translation)
        return page(request, original, form, service=edit, translation=translation)

    return translate, translation_edit


def _tell(request, error, *, form, to_fields):
    if form is None:
        messages.error(request, error_text(error) or _("You may not do that."))
    elif to_fields and hasattr(error, "error_dict"):
        for field, texts in error.message_dict.items():
            form.add_error(field if field in form.fields else None, texts)
    else:
        form.add_error(None, error_messages(error))


class _SavesThroughService:
    """A Wagtail admin form view whose object is saved by the app's service (`save_through`)
    rather than the raw ModelForm, so that the admin follows the rules and side effects of
    the site. A refusal is shown on the form with nothing changed; the admin's history entry
    is still written."""

    history_action = ""

    def save_through(self, data):
        """Call the service with the form's cleaned data; return the saved object."""
        raise NotImplementedError

    def save_instance(self):
        instance = self.save_through(self.form.cleaned_data)
        log(instance=instance, action=self.history_action, user=self.request.user)
        return instance

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            # The service refused inside the view's transaction, which rolled back.
            form.add_error(None, error_messages(error))
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class ServiceCreateView(_SavesThroughService, CreateView):
    history_action = "wagtail.create"


class ServiceEditView(_SavesThroughService, EditView):
    history_action = "wagtail.edit"


def _language_switch(request):
    code = request.POST.get("language", "")
    if code in dict(settings.LANGUAGES):
        language_save(request.user, code)
    else:
        messages.error(request, _("This site is not available in that language."))
        # Django's set_language would keep any language it has a catalogue for ("de"):
        # without one it only sends the person back to `next`.
        request.POST = request.POST.copy()
        request.POST["language"] = ""
    return set_language(request)


_language_switch_signed_in = csrf_protect(_language_switch)


@csrf_exempt
@require_POST
def language_switch(request):
    """The header's language switcher (POST only). Django's set_language keeps the choice in
    a cookie and sends the person back to `next`; a signed-in person's profile keeps it too,
    so it follows them to other browsers. An unknown language changes nothing and says so.

    Signed-in people's switcher carries a CSRF token (their profile changes). A visitor's
    does not: a token in the header would make every cached page differ per request, and
    all a forged switch can do is set a visitor's language cookie."""
    if request.user.is_authenticated:
        return _language_switch_signed_in(request)
    return _language_switch(request)


@require_GET
def suggest(request, name):
    """{"suggestions": [...]}: the labels of a SuggestedChoiceField's rows that hold `q` (two
    characters at least), for the <datalist> of its box (network/static/network/suggest.js).
    The rows are those the field's list offered to everyone."""
    field = SUGGESTED.get(name)
    if field is None:
        raise Http404
    text = request.GET.get("q", "").strip()
    found = field.suggestions(text) if 2 <= len(text) <= 200 and "\x00" not in text else []
    return JsonResponse({"suggestions": found}, headers={"Cache-Control": "max-age=60"})
