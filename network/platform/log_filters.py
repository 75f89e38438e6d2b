"""Logging filters that keep secrets and personal data out of logs."""

import logging


class TemplateVariableContext(logging.Filter):
    """Django's template engine logs (at DEBUG) every variable it cannot resolve, with a
    traceback whose exception message is the whole template context: for an email template
    that is the recipient's address and the confirmation or password-reset key. Keep the line
    (which variable, which template), drop the traceback."""

    def filter(self, record):
        if record.exc_info and record.name == "django.template":
            record.exc_info = None
            record.exc_text = None
        return True
