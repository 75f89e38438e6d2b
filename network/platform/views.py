"""Running a service from a view: the site's views and the Wagtail admin's create and edit
views call the app's service and tell the person the outcome, one way everywhere."""

from django.core.exceptions import ValidationError
from wagtail.admin.views.generic.models import CreateView, EditView
from wagtail.log_actions import log

from .messages import error_messages


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
