"""Country profiles and the update rounds that keep them current. Plain models, not pages:
organizations answer them under permissions, and their status moves through services."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from members.models import Organization
from network.gaps.enums import GapStatus
from network.gaps.models import Country, DataGap
from network.platform.models import content_language_field

from .enums import AnswerStatus, Kind, ProposalStatus, RoundStatus


class Questionnaire(models.Model):
    """One version of the questionnaire: data, so a new version needs no code."""

    version = models.SlugField(_("version"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        # Seeded titles are marked in profile.py, so they read in the viewer's language.
        return f"{gettext(self.title)} ({self.version})"


class Question(models.Model):
    """A typed question. Its key names a profile field (see profile.FIELDS) or, when it
    names none, the answer is kept as an extra answer on the profile."""

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="questions"
    )
    section = models.CharField(_("section"), max_length=120)
    order = models.PositiveIntegerField(default=0)
    key = models.SlugField(_("key"), max_length=60)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    label = models.CharField(_("question"), max_length=300)
    help_text = models.CharField(_("help text"), max_length=300, blank=True)
    # [[value, label], …] for choice and multiple choice.
    choices = models.JSONField(_("choices"), default=list, blank=True)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    counts_people = models.BooleanField(
        _("counts people"),
        default=False,
        help_text=_("A count of people: shown as “fewer than 11” below 11."),
    )

    class Meta:
        ordering = ["questionnaire", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "key"], name="question_key_unique")
        ]

    def __str__(self):
        return self.label


class Round(models.Model):
    """An update round the secretariat opens: who answers for which country, by when."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="rounds"
    )
    deadline = models.DateField(_("deadline"))
    status = models.CharField(max_length=10, choices=RoundStatus.choices, default=RoundStatus.OPEN)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opened_at", "-pk"]

    def __str__(self):
        return self.title


class RoundCountry(models.Model):
    """A country in a round's scope; published once its profile version exists."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="countries")
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+")
    published = models.OneToOneField(
        "ProfileVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["round", "country__code"]
        constraints = [
            models.UniqueConstraint(fields=["round", "country"], name="round_country_unique")
        ]

    def __str__(self):
        return f"{self.round} — {self.country}"


class Answer(models.Model):
    """One organization's answer for one country of a round. Visible to that organization
    and the secretariat only until the country is published."""

    round_country = models.ForeignKey(
        RoundCountry, on_delete=models.CASCADE, related_name="answers"
    )
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        max_length=10, choices=AnswerStatus.choices, default=AnswerStatus.DRAFT
    )
    # {question key: {"value": …, "source_kind": …, "source_ref": …}}; empty until saved.
    values = models.JSONField(default=dict, blank=True)
    # The language the answer's free text is written in (choices and numbers have none).
    language = content_language_field()
    # Bumped by every save: a form that read an older revision cannot overwrite a newer one.
    revision = models.PositiveIntegerField(default=0)
    saved_at = models.DateTimeField(null=True, blank=True)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    return_comment = models.TextField(_("comment"), blank=True, max_length=2000)

    class Meta:
        ordering = ["round_country", "organization__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["round_country", "organization"], name="answer_per_organization"
            )
        ]

    def __str__(self):
        return f"{self.round_country} — {self.organization}"


class ProfileVersion(models.Model):
    """A published state of a country's profile. The highest number is current; each value
    keeps the source and the round it came from."""

    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="+")
    number = models.PositiveIntegerField()
    is_current = models.BooleanField(default=True)
    # {field key: {"value", "source_kind", "source_ref", "round", "answered_by": [names],
    #              "disagreement": [{"organization", "value"}]}}
    values = models.JSONField(default=dict)
    changed = models.JSONField(default=list, blank=True)
    round = models.ForeignKey(
        Round, null=True, blank=True, on_delete=models.SET_NULL, related_name="versions"
    )
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["country", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["country", "number"], name="profile_version_unique"),
            models.UniqueConstraint(
                fields=["country"], condition=Q(is_current=True), name="one_current_profile"
            ),
        ]

    def __str__(self):
        return f"{self.country} v{self.number}"


class GapChangeProposal(models.Model):
    """A published profile change that bears on a gap, for staff to accept or decline."""

    gap = models.ForeignKey(DataGap, on_delete=models.CASCADE, related_name="+")
    version = models.ForeignKey(ProfileVersion, on_delete=models.CASCADE, related_name="proposals")
    to_status = models.CharField(max_length=20, choices=GapStatus.choices)
    reason = models.CharField(max_length=300)
    status = models.CharField(
        max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-pk"]
        constraints = [
            models.UniqueConstraint(fields=["gap", "version"], name="one_proposal_per_version")
        ]

    def __str__(self):
        return self.reason
