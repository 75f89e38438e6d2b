"""Every write to an event's outputs: reports, minutes and other documents, with their
uploads."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.models import Collection

from members.models import User
from network.library.validators import file_kind
from network.platform.services import check_fields, service_save, service_update

from ..enums import MINUTES_TRANSITIONS, MinutesStatus, OutputKind
from ..models import EventOutput, EventPage

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


def _check_upload(upload):
    """Refuse anything but a real PDF, DOCX, ODT or XLSX of at most 20 MB."""
    name = upload.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    allowed = settings.WAGTAILDOCS_EXTENSIONS
    if extension not in allowed:
        kinds = ", ".join(a.upper() for a in allowed)
        raise ValidationError(
            {
                "file": _("“%(name)s” is not accepted: upload a %(kinds)s file.")
                % {"name": name, "kinds": kinds}
            }
        )
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            {
                "file": _("“%(name)s” is %(size)s MB: the limit is 20 MB.")
                % {"name": name, "size": f"{upload.size / 1024 / 1024:.1f}"}
            }
        )
    # The content decides (network.library.validators), never the name: a ZIP renamed .docx
    # or an HTML page renamed .pdf is refused.
    if file_kind(upload) != extension:
        raise ValidationError(
            {
                "file": _(
                    "“%(name)s” is not a real %(kind)s file: its content does not match its name."
                )
                % {"name": name, "kind": extension.upper()}
            }
        )


@transaction.atomic
def output_add(
    *,
    event: EventPage,
    by: User,
    kind: str,
    title: str,
    summary: str = "",
    language: str = "en",
    version: str = "",
    file=None,
    link: str = "",
    planned: bool = False,
) -> EventOutput:
    """Attach a typed output, as a Wagtail document, a link, or planned.

    Minutes start as a draft. Side effects: stores the uploaded file.
    """
    output = EventOutput(
        event=event,
        kind=kind,
        title=title.strip(),
        summary=summary.strip(),
        language=language,
        version=version.strip(),
        link=link,
        planned=planned,
        minutes_status=MinutesStatus.DRAFT if kind == OutputKind.MINUTES else "",
        created_by=by,
    )
    if file is not None:
        _check_upload(file)
        document = get_document_model()(
            title=output.title or file.name,
            file=file,
            collection=Collection.get_first_root_node(),
            uploaded_by_user=by,
        )
        output.document = document
        # Validate everything but the document before the file is written to storage.
        output.full_clean(exclude=["document"])
        document.full_clean()
        document.save()
        output.document = document
    return service_save(output)


@transaction.atomic
def output_transition(*, output: EventOutput, to: str, by: User) -> EventOutput:
    """Move minutes one step: draft → agreed → final. A final version is locked."""
    output = EventOutput.objects.select_for_update().get(pk=output.pk)
    if output.kind != OutputKind.MINUTES:
        raise ValidationError(_("Only minutes go through draft, agreed and final."))
    if to not in MINUTES_TRANSITIONS[output.minutes_status]:
        current = MinutesStatus(output.minutes_status).label
        if output.minutes_status == MinutesStatus.FINAL:
            raise ValidationError(_("These minutes are final and locked: they cannot change."))
        if to == MinutesStatus.AGREED:
            raise ValidationError(
                _("Minutes become agreed when the organizations that attended sign them off: "
                  "circulate them.")
            )  # fmt: skip
        raise ValidationError(
            _("Minutes that are %(current)s cannot become “%(to)s”.")
            % {"current": current.lower(), "to": to}
        )
    output.minutes_status = to
    output.status_changed_by = by
    output.status_changed_at = timezone.now()
    return service_save(output)


@transaction.atomic
def output_update(*, output: EventOutput, by: User, **fields) -> EventOutput:
    """Change an output's summary, title, language or version, unless it is final."""
    output = EventOutput.objects.select_for_update().get(pk=output.pk)
    if output.is_locked:
        raise ValidationError(_("These minutes are final and locked: they cannot change."))
    allowed = {"title", "summary", "language", "version", "link", "planned"}
    check_fields(fields, allowed=allowed)
    return service_update(output, fields)
