"""Demo people (issue 16, item 8): for two seeded member organizations, a focal point, an
alternate, a researcher, an event organizer and a project lead, each named as a demo account,
with a generated password printed once; and demo items for their desks (an open vote, a join
request, a notice). Never under production settings."""

import secrets
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from events.models import EventOrganizer, EventPage
from members.enums import MembershipRole, RequestStatus
from members.models import Membership, MembershipRequest, Organization, User
from network.agenda.enums import PriorityStatus, Theme
from network.agenda.models import PriorityStatusChange, ResearchPriority
from network.desk.demo import DEMO_EMAIL_DOMAIN
from network.desk.models import Notice
from projects.enums import ProjectRole
from projects.models import ProjectMember, ResearchProject

PRODUCTION_SETTINGS = "network.settings.production"
PREFIX = "Demo \N{EN DASH} "
# (role key, label, membership role)
ROLES = (
    ("focal", "focal point", MembershipRole.FOCAL_POINT),
    ("alternate", "alternate focal point", MembershipRole.ALTERNATE),
    ("researcher", "researcher", MembershipRole.MEMBER),
    ("organizer", "event organizer", MembershipRole.MEMBER),
    ("lead", "project lead", MembershipRole.MEMBER),
)
VOTE_TITLE = PREFIX + "a priority to try voting on"
NOTICE_TITLE = PREFIX + "a notice to try acknowledging"
DEMO_NOTE = (
    "This is a demo item made by `manage.py load_demo_people` so that newcomers see a desk with "
    "something on it. It is not a decision of the network."
)


def refuse_production():
    module = getattr(settings, "SETTINGS_MODULE", "") or ""
    if module == PRODUCTION_SETTINGS or module.startswith(PRODUCTION_SETTINGS + "."):
        raise CommandError(
            "load_demo_people refuses to run under production settings: demo accounts with "
            "printed passwords do not belong on the live network."
        )


class Command(BaseCommand):
    help = (
        "Create demo people (focal point, alternate, researcher, event organizer, project lead) "
        "for two seeded member organizations, and demo items for their desks. Passwords are "
        "generated and printed once, when an account is created."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset-passwords",
            action="store_true",
            help="Give the existing demo accounts new passwords and print them.",
        )

    def handle(self, *args, reset_passwords=False, **options):
        refuse_production()
        # Two seeded member organizations whose focal point and alternate are not real people.
        real_spokespeople = Membership.objects.spokespeople().exclude(
            user__email__endswith="@" + DEMO_EMAIL_DOMAIN
        )
        organizations = list(
            Organization.objects.members()
            .exclude(source_document="")
            .exclude(pk__in=real_spokespeople.values("organization_id"))
            .order_by("name")[:2]
        )
        if len(organizations) < 2:
            raise CommandError(
                "Two seeded member organizations without a real focal point or alternate are "
                "needed: run `manage.py load_network_data` first."
            )
        with transaction.atomic():
            printed = []
            people = {}
            for organization in organizations:
                for key, label, role in ROLES:
                    user, password = self._person(organization, key, label, role, reset_passwords)
                    people[(organization.pk, key)] = user
                    if password:
                        printed.append((user, password))
            self._items(organizations, people)
        self.stdout.write(
            f"Demo people for {organizations[0].name} and {organizations[1].name} "
            "(each page says 'Demo account' to them):"
        )
        for user, password in printed:
            self.stdout.write(f"  {user.display_name}: {user.email} / {password}")
        if not printed:
            self.stdout.write(
                "  They exist already; their passwords were printed when they were made "
                "(`manage.py load_demo_people --reset-passwords` prints new ones)."
            )
        else:
            self.stdout.write("  (these passwords are shown only now; they are stored hashed)")

    def _person(self, organization, key, label, role, reset_passwords):
        email = f"demo-{key}-{organization.slug}@{DEMO_EMAIL_DOMAIN}"
        user = User.objects.filter(email=email).first()
        password = None
        if user is None:
            password = secrets.token_urlsafe(12)
            user = User.objects.create_user(
                email, password, display_name=f"{PREFIX}{label} of {organization.name}"
            )
        elif reset_passwords:
            password = secrets.token_urlsafe(12)
            user.set_password(password)
            user.save(update_fields=["password"])
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        if not Membership.objects.filter(user=user, organization=organization).exists():
            taken = role != MembershipRole.MEMBER and (
                Membership.objects.filter(organization=organization, role=role).exists()
            )
            if taken:
                raise CommandError(
                    f"{organization.name} already has a {label}: choose other organizations "
                    "or remove that role first."
                )
            Membership.objects.create(user=user, organization=organization, role=role)
        return user, password

    def _items(self, organizations, people):
        first, second = organizations
        now = timezone.now()
        # An open vote, proposed by the first organization's demo focal point.
        priority = ResearchPriority.objects.filter(title=VOTE_TITLE).first()
        if priority is None:
            priority = ResearchPriority.objects.create(
                title=VOTE_TITLE,
                rationale=DEMO_NOTE,
                theme=Theme.PATTERNS,
                proposed_by=people[(first.pk, "focal")],
                proposing_organization=first,
            )
            PriorityStatusChange.objects.create(
                priority=priority, from_status="", to_status=PriorityStatus.PROPOSED, reason="Demo"
            )
        if not priority.vote_is_open:
            before = priority.status
            priority.status = PriorityStatus.PUT_TO_NETWORK
            priority.vote_opens_at = now
            priority.vote_closes_at = now + timedelta(days=14)
            priority.save(update_fields=["status", "vote_opens_at", "vote_closes_at"])
            PriorityStatusChange.objects.create(
                priority=priority,
                from_status=before,
                to_status=PriorityStatus.PUT_TO_NETWORK,
                reason="Demo vote, open for 14 days.",
            )
        # A join request: the second organization's researcher asks to join the first.
        MembershipRequest.objects.get_or_create(
            user=people[(second.pk, "researcher")],
            organization=first,
            status=RequestStatus.PENDING,
            defaults={"message": PREFIX + "a request to try deciding on."},
        )
        MembershipRequest.objects.get_or_create(
            user=people[(first.pk, "researcher")],
            organization=second,
            status=RequestStatus.PENDING,
            defaults={"message": PREFIX + "a request to try deciding on."},
        )
        # A notice to both organizations, not yet acknowledged (no email: demo addresses).
        notice = Notice.objects.filter(title=NOTICE_TITLE).first()
        if notice is None or notice.acknowledge_by <= now:
            notice = Notice.objects.create(
                title=NOTICE_TITLE, body=DEMO_NOTE, acknowledge_by=now + timedelta(days=14)
            )
        notice.recipients.set(organizations)
        # The project lead leads a draft demo project (seen by its team only).
        lead = people[(first.pk, "lead")]
        project = ResearchProject.objects.filter(slug="demo-project").first()
        if project is None:
            project = ResearchProject.objects.create(
                title=PREFIX + "a project to try the platform with",
                slug="demo-project",
                summary=DEMO_NOTE,
                lead_organization=first,
            )
        ProjectMember.objects.get_or_create(
            project=project, user=lead, defaults={"role": ProjectRole.LEAD}
        )
        # The event organizers organize the next event, if the network has one.
        event = EventPage.objects.live().filter(start__gte=now).order_by("start").first()
        if event is not None:
            for organization in organizations:
                EventOrganizer.objects.get_or_create(
                    page=event, user=people[(organization.pk, "organizer")]
                )
