from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from network.platform.models import Sourced, StatusChange, Translation, content_language_field

from .enums import PriorityStatus, Theme, VoteChoice, VoterRole


class ResearchPriority(index.Indexed, Sourced):
    """A priority of the shared research agenda. Plain model: members propose it, it moves
    through a recorded workflow, organizations endorse and vote on it by role."""

    title = models.CharField(max_length=200)
    rationale = models.TextField(
        max_length=5000,
        help_text=_(
            "Why the network should research this. Never include personal data of trafficked "
            "persons."
        ),
    )
    language = content_language_field(_("The language the title and rationale are written in."))
    theme = models.CharField(max_length=20, choices=Theme.choices)
    gaps = models.ManyToManyField("gaps.DataGap", blank=True, related_name="priorities")
    proposed_by = models.ForeignKey(
        "members.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposing_organization = models.ForeignKey(
        "members.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposed_priorities",
    )
    status = models.CharField(
        max_length=20, choices=PriorityStatus.choices, default=PriorityStatus.PROPOSED
    )
    vote_opens_at = models.DateTimeField(null=True, blank=True)
    vote_closes_at = models.DateTimeField(null=True, blank=True)
    quorum = models.PositiveSmallIntegerField(
        _("quorum (%)"),
        default=50,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Share of member organizations that must take part for the vote to count."),
    )
    created_at = models.DateTimeField(default=timezone.now)

    search_fields = [
        index.SearchField("title", boost=3),
        index.AutocompleteField("title"),
        index.SearchField("rationale"),
        index.FilterField("status"),
    ]

    class Meta:
        ordering = ["title"]
        verbose_name_plural = _("research priorities")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=PriorityStatus.values),
                name="priority_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(theme__in=Theme.values), name="priority_theme_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(quorum__gte=1, quorum__lte=100), name="priority_quorum_range"
            ),
            models.CheckConstraint(
                condition=models.Q(vote_opens_at__isnull=True)
                | models.Q(vote_closes_at__isnull=True)
                | models.Q(vote_closes_at__gt=models.F("vote_opens_at")),
                name="priority_vote_window_order",
                violation_error_message=_("The vote must close after it opens."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("agenda:detail", args=[self.pk])

    def clean(self):
        if self.vote_opens_at and self.vote_closes_at and self.vote_closes_at <= self.vote_opens_at:
            raise ValidationError({"vote_closes_at": _("The vote must close after it opens.")})

    @property
    def vote_is_open(self):
        now = timezone.now()
        return (
            self.status == PriorityStatus.PUT_TO_NETWORK
            and self.vote_opens_at is not None
            and self.vote_closes_at is not None
            and self.vote_opens_at <= now < self.vote_closes_at
        )

    @property
    def vote_is_closing(self):
        """The window has ended and the close_due_votes job has not yet counted the vote."""
        return (
            self.status == PriorityStatus.PUT_TO_NETWORK
            and self.vote_closes_at is not None
            and self.vote_closes_at <= timezone.now()
        )

    @property
    def vote_is_decided(self):
        return self.status in (PriorityStatus.ADOPTED, PriorityStatus.NOT_ADOPTED) and bool(
            self.vote_closes_at
        )


class PriorityTranslation(Translation):
    """A member's translation of a priority's title and rationale into another language. Plain
    model: a member writes it and keeps it; the original stays authoritative."""

    original_field = "priority"

    priority = models.ForeignKey(
        ResearchPriority, on_delete=models.CASCADE, related_name="translations"
    )
    title = models.CharField(_("title"), max_length=200)
    rationale = models.TextField(_("rationale"), max_length=5000)

    class Meta(Translation.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["priority", "language"],
                name="one_priority_translation_per_language",
                violation_error_message=_(
                    "This priority already has a translation into that language."
                ),
            ),
        ]


class PriorityStatusChange(StatusChange):
    """One move of a priority's status."""

    subject_field = "priority"

    priority = models.ForeignKey(ResearchPriority, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(max_length=20, choices=PriorityStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=PriorityStatus.choices)


class Endorsement(models.Model):
    """An organization's public support: one organization, one endorsement."""

    priority = models.ForeignKey(
        ResearchPriority, on_delete=models.CASCADE, related_name="endorsements"
    )
    organization = models.ForeignKey(
        "members.Organization", on_delete=models.CASCADE, related_name="endorsements"
    )
    endorsed_by = models.ForeignKey(
        "members.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["organization__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["priority", "organization"],
                name="one_endorsement_per_organization",
                violation_error_message=_("This organization has already endorsed this priority."),
            ),
        ]

    def __str__(self):
        return f"{self.organization} endorses {self.priority}"


class Supporter(models.Model):
    """An individual's support, counted apart from organizations' endorsements."""

    priority = models.ForeignKey(
        ResearchPriority, on_delete=models.CASCADE, related_name="supporters"
    )
    user = models.ForeignKey("members.User", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["priority", "user"],
                name="one_support_per_person",
                violation_error_message=_("You already support this priority."),
            ),
        ]

    def __str__(self):
        return f"{self.user} supports {self.priority}"


class Vote(models.Model):
    """A vote cast for an organization by its focal point or alternate. Each role has one row
    per priority (a second vote replaces the first); the tally decides which row counts."""

    priority = models.ForeignKey(ResearchPriority, on_delete=models.CASCADE, related_name="votes")
    organization = models.ForeignKey(
        "members.Organization", on_delete=models.CASCADE, related_name="votes"
    )
    role = models.CharField(max_length=12, choices=VoterRole.choices)
    cast_by = models.ForeignKey(
        "members.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    choice = models.CharField(max_length=8, choices=VoteChoice.choices)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["organization__name", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["priority", "organization", "role"],
                name="one_vote_per_organization_role",
            ),
            models.CheckConstraint(
                condition=models.Q(choice__in=VoteChoice.values), name="vote_choice_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=VoterRole.values), name="vote_role_valid"
            ),
        ]

    def __str__(self):
        return f"{self.organization} ({self.role}): {self.choice} on {self.priority}"
