from django.db import models


class ProjectStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PROPOSED = "proposed", "Proposed"
    RECRUITING = "recruiting", "Recruiting"
    ACTIVE = "active", "Active"
    COMPLETED = "completed", "Completed"
    DISCONTINUED = "discontinued", "Discontinued"


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
    PATTERNS_FLOWS = "patterns_flows", "Patterns and flows"
    ROOT_CAUSES = "root_causes", "Root causes"
    EXPLOITATION = "exploitation", "Forms of exploitation"
    RESPONSES_IMPACT = "responses_impact", "Responses and impact"
    METHODS_DATA = "methods_data", "Methods and data standards"
    ETHICS_PARTICIPATION = "ethics_participation", "Ethics and child participation"


class ProjectRole(models.TextChoices):
    LEAD = "lead", "Lead"
    MEMBER = "member", "Member"


class PartnerStatus(models.TextChoices):
    INVITED = "invited", "Invited"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"


class JoinRequestStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"


class OutputKind(models.TextChoices):
    WORKING_PAPER = "working_paper", "Working paper"
    DATASET = "dataset", "Dataset (metadata only)"
    QUESTIONNAIRE = "questionnaire", "Questionnaire"
    REPORT = "report", "Report"


class GapFill(models.TextChoices):
    PARTLY = "partly", "Partly: the gap becomes partly filled"
    FULLY = "fully", "Fully: the gap becomes filled"
