"""Outputs and the team's on-site notifications."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import User
from network.platform.services import service_save

from ..enums import (
    GapFill,
    ProjectStatus,
)
from ..models import (
    OutputClosesGap,
    ProjectNotification,
    ProjectOutput,
    ResearchProject,
)


@transaction.atomic
def output_add(
    *,
    project: ResearchProject,
    by: User,
    kind: str,
    title: str,
    version: str = "",
    document=None,
    link: str = "",
    description: str = "",
    closes_gaps=None,
    fills: str = GapFill.PARTLY,
) -> ProjectOutput:
    """Record something the project produced. Datasets are described by metadata only.
    The output may close some of the project's gaps, partly or fully.

    Side effects: each closed gap becomes partly filled or filled, with the output (and its
    project) as evidence and a history entry.
    """
    from network.gaps.services import gap_fill

    if project.status == ProjectStatus.DRAFT:
        raise ValidationError(_("Propose the project before adding outputs."))
    closes_gaps = list(closes_gaps or [])
    if closes_gaps:
        if fills not in GapFill.values:
            raise ValidationError(
                {"fills": _("Say whether the output fills the gaps partly or fully.")}
            )
        linked = set(project.gaps.values_list("pk", flat=True))
        foreign = [gap for gap in closes_gaps if gap.pk not in linked]
        if foreign:
            raise ValidationError(
                {
                    "closes_gaps": _(
                        "An output can only close gaps its project addresses; "
                        "not linked to this project: %(gaps)s."
                    )
                    % {"gaps": "; ".join(f"“{gap.title}”" for gap in foreign)}
                }
            )
    output = service_save(
        ProjectOutput(
            project=project,
            kind=kind,
            title=title.strip(),
            version=version.strip(),
            document=document,
            link=link,
            description=description,
            added_by=by,
        )
    )
    evidence_title = (
        _("%(output)s (output of the project “%(title)s”)")
        % {"output": output, "title": project.title}
    )[:250]
    for gap in closes_gaps:
        service_save(OutputClosesGap(output=output, gap=gap, fills=fills))
        try:
            gap_fill(
                gap=gap,
                partly=fills == GapFill.PARTLY,
                evidence_title=evidence_title,
                by=by,
                url=output.link,
            )
        except ValidationError as error:
            raise ValidationError(
                {"closes_gaps": f"“{gap.title}”: " + " ".join(error.messages)}
            ) from error
    return output


@transaction.atomic
def notifications_mark_read(*, user: User) -> int:
    """Mark all of a person's project notifications read. Side effects: none."""
    return ProjectNotification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
