"""What views tell a person when a service refuses: the sentences of a ValidationError (or
PermissionDenied), one per message; or all of them (or all of a form's errors) in one line,
for a message on a page that does not show the form."""


def error_messages(error):
    return error.messages if hasattr(error, "messages") else [str(error)]


def error_text(error):
    """The refusal's sentences in one line."""
    return " ".join(error_messages(error))


def form_errors_text(form):
    """Every error of `form` (its fields' and its own) in one line."""
    return " ".join(text for texts in form.errors.values() for text in texts)
