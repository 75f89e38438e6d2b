from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ProjectStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PROPOSED = "proposed", pgettext_lazy("project status", "Proposed")
    RECRUITING = "recruiting", _("Recruiting")
    ACTIVE = "active", pgettext_lazy("project status", "Active")
    COMPLETED = "completed", _("Completed")
    DISCONTINUED = "discontinued", _("Discontinued")


# Where each status may go next. Completed and discontinued are final.
TRANSITIONS = {
    ProjectStatus.DRAFT: [ProjectStatus.PROPOSED, ProjectStatus.DISCONTINUED],
    ProjectStatus.PROPOSED: [
        ProjectStatus.RECRUITING,
        ProjectStatus.ACTIVE,
        ProjectStatus.DISCONTINUED,
    ],
    ProjectStatus.RECRUITING: [ProjectStatus.ACTIVE, ProjectStatus.DISCONTINUED],
    ProjectStatus.ACTIVE: [
        ProjectStatus.RECRUITING,
        ProjectStatus.COMPLETED,
        ProjectStatus.DISCONTINUED,
    ],
    ProjectStatus.COMPLETED: [],
    ProjectStatus.DISCONTINUED: [],
}

# A project takes join requests only while it is looking for people or running.
OPEN_TO_JOIN = (ProjectStatus.RECRUITING, ProjectStatus.ACTIVE)


class ProjectTheme(models.TextChoices):
    # No value is a substring of another: the list filter matches by substring.
    PATTERNS_FLOWS = "patterns_flows", _("Patterns and flows")
    ROOT_CAUSES = "root_causes", _("Root causes")
    EXPLOITATION = "exploitation", _("Forms of exploitation")
    RESPONSES_IMPACT = "responses_impact", _("Responses and impact")
    METHODS_DATA = "methods_data", _("Methods and data standards")
    ETHICS_PARTICIPATION = "ethics_participation", _("Ethics and child participation")


class ProjectRole(models.TextChoices):
    LEAD = "lead", _("Lead")
    MEMBER = "member", _("Member")


class PartnerStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", pgettext_lazy("partner status", "Declined")


class JoinRequestStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("join request status", "Pending")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", pgettext_lazy("join request status", "Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class OutputKind(models.TextChoices):
    WORKING_PAPER = "working_paper", _("Working paper")
    DATASET = "dataset", _("Dataset (metadata only)")
    QUESTIONNAIRE = "questionnaire", _("Questionnaire")
    REPORT = "report", pgettext_lazy("kind of output", "Report")


class GapFill(models.TextChoices):
    PARTLY = "partly", _("Partly: the gap becomes partly filled")
    FULLY = "fully", _("Fully: the gap becomes filled")
