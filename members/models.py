import rules
from django.conf import global_settings, settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from wagtail.search import index

from network.platform.models import Sourced

from .enums import (
    SPOKESPERSON_ROLES,
    InvitationStatus,
    MembershipRole,
    OrganizationKind,
    OrganizationStatus,
    RequestStatus,
    Visibility,
)

# Django's languages, each name shown in the reader's language (Django's own catalogue
# translates the names of global_settings.LANGUAGES).
LANGUAGE_CHOICES = [(code, _(name)) for code, name in global_settings.LANGUAGES]


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class Expertise(models.Model):
    """A topic people work on: a controlled list that grows by people's own additions while they
    edit their profile. Plain model, not a snippet: no page picks it, and members add to it."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=110, unique=True, allow_unicode=True)

    class Meta:
        ordering = [Lower("name")]
        verbose_name = _("expertise")
        verbose_name_plural = _("expertise")
        constraints = [
            # "Data collection" and "data collection" are one topic: the list stays controlled.
            models.UniqueConstraint(
                Lower("name"),
                name="expertise_name_unique_ci",
                violation_error_message=_("This expertise is already in the list."),
            ),
        ]

    def __str__(self):
        return self.name


class User(index.Indexed, AbstractUser):
    """A person, and their profile. Plain model: accounts belong to allauth, not the page tree."""

    username = None
    email = models.EmailField(_("email address"), unique=True)
    display_name = models.CharField(max_length=120, blank=True)
    bio = models.TextField(
        _("short bio"),
        max_length=1500,
        blank=True,
        help_text=_("About your work. Never include personal data of trafficked persons."),
    )
    expertise = models.ManyToManyField(
        Expertise, verbose_name=_("expertise"), blank=True, related_name="people"
    )
    countries = CountryField(_("countries of work"), multiple=True, blank=True)
    languages = models.JSONField(default=list, blank=True)
    # The site's own words; blank follows the browser (network/platform/languages.py).
    interface_language = models.CharField(
        _("language of the site"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("Empty: the language your browser asks for."),
    )
    visibility = models.CharField(
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.MEMBERS,
        help_text=_("Hidden people never appear in the directory, search or API."),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    # Site search filters these with members.selectors.people_visible_to(); email is never
    # indexed. The filter fields are the ones that selector uses.
    search_fields = [
        index.SearchField("display_name", boost=3),
        index.SearchField("first_name"),
        index.SearchField("last_name"),
        index.SearchField("bio"),
        index.AutocompleteField("display_name"),
        index.FilterField("id"),
        index.FilterField("visibility"),
        index.FilterField("is_active"),
    ]

    class Meta:
        ordering = ["display_name", "email"]
        # /people/'s order: a page reads its 20 rows from the index, not a sort of everyone.
        indexes = [
            models.Index(Lower("display_name"), models.F("id"), name="user_by_name"),
            # The count of people a visitor may see ("5,000 people", the paginator): read from
            # this index rather than every row (0.6 against 9 ms for 20,000 people).
            models.Index(fields=["visibility", "is_active"], name="user_by_visibility"),
        ]

    def __str__(self):
        return self.name

    def has_perm(self, perm, obj=None):
        # Our rules.py files decide their permissions for everyone: Django's superuser
        # shortcut would otherwise show a superuser a hidden person or another team's draft.
        # Permissions rules does not define (Wagtail's, Django's) keep the usual behaviour.
        if rules.perm_exists(perm):
            return self.is_active and rules.has_perm(perm, self, obj)
        return super().has_perm(perm, obj)

    @property
    def name(self):
        return self.display_name or self.get_full_name() or self.email.split("@")[0]

    @property
    def language_names(self):
        names = dict(LANGUAGE_CHOICES)
        return [names.get(code, code) for code in self.languages]

    def get_absolute_url(self):
        return reverse("members:person", args=[self.pk])


class OrganizationQuerySet(models.QuerySet):
    def members(self):
        """The admitted member organizations: the network's equal partners."""
        return self.filter(status=OrganizationStatus.MEMBER)

    def of(self, user):
        """The organizations a person belongs to, in any role, by name; none for a visitor
        (`.members().of(user)`: the admitted ones a person may act for)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user).order_by("name")

    def spoken_for_by(self, user):
        """The organizations the person is focal point or alternate of, by name; none for a
        visitor (`.members().spoken_for_by(user)`: those the person speaks for)."""
        if not user.is_authenticated:
            return self.none()
        spoken = user.memberships.spokespeople().values("organization_id")
        return self.filter(pk__in=spoken).order_by("name")


class MembershipQuerySet(models.QuerySet):
    def spokespeople(self):
        """Focal points and alternates: the people who speak for their organization."""
        return self.filter(role__in=SPOKESPERSON_ROLES)

    def in_member_organizations(self):
        return self.filter(organization__status=OrganizationStatus.MEMBER)

    def users(self):
        """The people of these memberships, in their order: one a membership, in one query
        (`.spokespeople().filter(organization__in=…).users()` is whom to email for them)."""
        return [membership.user for membership in self.select_related("user")]


class Organization(index.Indexed, Sourced):
    """An equal partner of the network. Plain model: members create it and manage it by role."""

    name = models.CharField(max_length=200)
    acronym = models.CharField(max_length=30, blank=True)
    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(max_length=20, choices=OrganizationKind.choices)
    headquarters_country = CountryField(blank=True)
    countries = CountryField(_("countries of work"), multiple=True, blank=True)
    mandate = models.TextField(max_length=3000)
    website = models.URLField(blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        max_length=10, choices=OrganizationStatus.choices, default=OrganizationStatus.APPLICANT
    )
    applied_by = models.ForeignKey(
        "members.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        "members.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = OrganizationQuerySet.as_manager()

    search_fields = [
        index.SearchField("name", boost=3),
        index.SearchField("acronym", boost=3),
        index.SearchField("mandate"),
        index.AutocompleteField("name"),
        index.FilterField("status"),
    ]

    class Meta:
        # Alphabetical is the only order: no field ranks one member above another.
        ordering = ["name"]
        constraints = [
            # A declined application does not block the name for a later one.
            models.UniqueConstraint(
                Lower("name"),
                condition=~models.Q(status=OrganizationStatus.DECLINED),
                name="organization_name_unique_ci",
                violation_error_message=_("An organization with this name is already registered."),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self):
        return reverse("members:organization", args=[self.slug])

    @property
    def is_member(self):
        return self.status == OrganizationStatus.MEMBER


class Membership(models.Model):
    """A person's place in an organization; roles are data, never Django groups."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(
        max_length=12, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="membership_unique"),
            # At most one focal point and one alternate per organization, held by the database
            # so that two concurrent requests cannot both win.
            models.UniqueConstraint(
                fields=["organization"],
                condition=models.Q(role=MembershipRole.FOCAL_POINT),
                name="one_focal_point_per_organization",
                violation_error_message=_("This organization already has a focal point."),
            ),
            models.UniqueConstraint(
                fields=["organization"],
                condition=models.Q(role=MembershipRole.ALTERNATE),
                name="one_alternate_per_organization",
                violation_error_message=_(
                    "This organization already has an alternate focal point."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.organization} ({self.get_role_display()})"


class MembershipRequest(models.Model):
    """Someone asks to join an organization; its focal point decides."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="membership_requests")
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="membership_requests"
    )
    message = models.TextField(max_length=1000, blank=True)
    status = models.CharField(
        max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    created_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization"],
                condition=models.Q(status=RequestStatus.PENDING),
                name="one_pending_request_per_person",
                violation_error_message=_("You have already asked to join this organization."),
            ),
        ]

    def __str__(self):
        return f"{self.user} → {self.organization} ({self.status})"


class Invitation(models.Model):
    """An emailed invitation to join an organization. Only a hash of the link's token is kept."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField()
    token_hash = models.CharField(max_length=64, unique=True)
    # Kept when the inviter's account is deleted: the link must still work.
    invited_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        max_length=10, choices=InvitationStatus.choices, default=InvitationStatus.PENDING
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                "organization",
                condition=models.Q(status=InvitationStatus.PENDING),
                name="one_pending_invitation_per_address",
                violation_error_message=_("This address already has a pending invitation."),
            ),
        ]

    def __str__(self):
        return f"{self.email} → {self.organization}"

    @property
    def is_expired(self):
        return timezone.now() >= self.expires_at


class ApiToken(models.Model):
    """A personal token for the network's API (/api/v1/). Only its SHA-256 is kept: the raw
    token is shown once. Not Wagtail's APIToken: that one also opens Wagtail's own API, and a
    token given to a reporting script must open this API alone."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="network_api_tokens")
    name = models.CharField(max_length=80, help_text=_("What the token is for, e.g. “reports”."))
    token_hash = models.CharField(max_length=64, unique=True)
    # The first characters, so the owner can tell tokens apart; never enough to use one.
    prefix = models.CharField(max_length=12)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self):
        return self.revoked_at is None
