"""A synthetic network for load tests: `python bench/generate_load_data.py --scale large`.

Rows are written in bulk (bulk_create, and PostgreSQL COPY for the largest tables), so the
services' side effects (emails, broadcasts, notifications) deliberately do not happen. The
mix of visibility is realistic: hidden and members-only people, applicant and former
organizations, draft projects, unpublished events, restricted rooms. Everything generated
has a slug or email starting with `load-`, so it never collides with the seed content.
"""

import random
import time
import uuid
from datetime import timedelta

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models.signals import post_save
from django.utils import timezone

# Row counts per scale. `large` is the benchmark's network (issue 8, item 12).
SCALES = {
    "small": {
        "organizations": 12,
        "people": 80,
        "gaps": 24,
        "priorities": 8,
        "projects": 16,
        "events": 4,
        "sessions": 12,
        "registrations": 40,
        "publications": 20,
        "messages": 400,
    },
    "large": {
        "organizations": 500,
        "people": 5000,
        "gaps": 2000,
        "priorities": 300,
        "projects": 1000,
        "events": 300,
        "sessions": 3000,
        "registrations": 20000,
        "publications": 2000,
        "messages": 200000,
    },
}
# Issue 20, item 4: four times the large network, to show which pages grow with the tables.
SCALES["xlarge"] = {kind: count * 4 for kind, count in SCALES["large"].items()}
MARKER_SLUG = "load-org-0000"
BENCH_ROOM = "load-bench"

WORDS = [
    "labour",
    "migration",
    "children",
    "trafficking",
    "data",
    "border",
    "exploitation",
    "recruitment",
    "survey",
    "origin",
    "destination",
    "transit",
    "protection",
    "indicator",
    "return",
    "reintegration",
    "victim",
    "identification",
    "referral",
    "prosecution",
    "prevention",
    "regional",
    "national",
    "municipal",
    "agency",
    "evidence",
    "sample",
    "household",
    "school",
    "community",
    "domestic",
    "begging",
    "criminal",
    "sexual",
    "online",
    "debt",
    "bondage",
    "agriculture",
    "construction",
    "fishing",
    "mining",
    "care",
    "services",
    "justice",
]
FIRST = [
    "Ana",
    "Amir",
    "Bea",
    "Chen",
    "Dara",
    "Elif",
    "Femi",
    "Goran",
    "Hana",
    "Ivan",
    "Jana",
    "Kofi",
    "Lena",
    "Milan",
    "Nadia",
    "Omar",
]
LAST = [
    "Andersen",
    "Bakr",
    "Costa",
    "Diallo",
    "Eriksen",
    "Fischer",
    "Garcia",
    "Horvat",
    "Ivanova",
    "Jovanovic",
    "Kim",
]


def _sentence(rng, n=12):
    words = rng.choices(WORDS, k=n)
    return " ".join(words).capitalize() + "."


def _text(rng, sentences=3):
    return " ".join(_sentence(rng, rng.randint(8, 16)) for _ in range(sentences))


class Command(BaseCommand):
    help = "Generate a synthetic network for load tests (--scale small|large|xlarge)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), default="small")
        parser.add_argument("--seed", type=int, default=2004)

    def handle(self, *args, scale, seed, **options):
        from members.models import Organization

        if Organization.objects.filter(slug=MARKER_SLUG).exists():
            raise CommandError("Load data is already present (organization load-org-0000).")
        started = time.monotonic()
        call_command("load_network_data", stdout=self.stdout)
        counts = SCALES[scale]
        with transaction.atomic():
            generated = Generator(random.Random(seed), counts, self._step).run()
        self._step("search index")
        Generator.index(generated)
        if connection.vendor == "postgresql":
            # Planner statistics for the rows just written: without them (autovacuum off, or
            # not yet run) PostgreSQL guesses one row per search match and picks nested loops
            # that take seconds (issue 20: `migration border` took 10 s).
            self._step("analyze")
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self._step("done")
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(f"Load data ({scale}) generated in {elapsed:.0f} s: ")
            + ", ".join(f"{name} {n}" for name, n in counts.items())
        )

    def _step(self, name):
        now = time.monotonic()
        if hasattr(self, "_last"):
            self.stdout.write(f" {now - self._last:.1f} s")
        self._last = now
        self.stdout.write(f"  {name}…", ending="")
        self.stdout.flush()


class Generator:
    def __init__(self, rng, counts, step):
        self.rng = rng
        self.n = counts
        self.step = step
        self.now = timezone.now()

    def run(self):
        self.step("organizations and people")
        self.organizations()
        self.people()
        self.step("gaps and priorities")
        self.gaps()
        self.priorities()
        self.step("projects")
        self.projects()
        self.step("events")
        self.events()
        self.step("publications")
        self.publications()
        self.step("rooms and messages")
        self.discussions()
        return self.indexed

    # -- helpers

    def copy(self, model, fields, rows):
        """Insert many rows with no ids needed back: COPY on PostgreSQL, bulk_create elsewhere."""
        if connection.vendor != "postgresql":
            model.objects.bulk_create(
                [model(**dict(zip(fields, row, strict=True))) for row in rows], batch_size=2000
            )
            return
        # COPY knows no Django defaults: the fields not given get theirs, once for every row.
        given = {model._meta.get_field(name) for name in fields}
        defaults = [
            f
            for f in model._meta.concrete_fields
            if not f.primary_key and f not in given and not f.null
        ]
        extra = tuple(f.get_db_prep_save(f.get_default(), connection) for f in defaults)
        columns = [model._meta.get_field(name).column for name in fields]
        columns += [f.column for f in defaults]
        quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
        sql = f"COPY {model._meta.db_table} ({quoted}) FROM STDIN"
        with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row((*row, *extra))

    def ago(self, days_max):
        return self.now - timedelta(days=self.rng.uniform(0, days_max))

    # -- members

    def organizations(self):
        from django_countries import countries

        from members.enums import OrganizationKind, OrganizationStatus
        from members.models import Organization

        codes = [code for code, _ in countries]
        self.country_codes = codes
        statuses = [OrganizationStatus.MEMBER] * 9 + [OrganizationStatus.APPLICANT]
        statuses += [OrganizationStatus.MEMBER] * 9 + [OrganizationStatus.FORMER]
        kinds = OrganizationKind.values
        rng = self.rng
        orgs = [
            Organization(
                name=f"{rng.choice(WORDS).title()} {rng.choice(WORDS).title()} Agency {i:04d}",
                acronym=f"LA{i:04d}",
                slug=f"load-org-{i:04d}",
                kind=rng.choice(kinds),
                headquarters_country=rng.choice(codes),
                countries=rng.sample(codes, 3),
                mandate=_text(rng, 2),
                # The first organization is always a member: the signed-in benchmark uses it.
                status=statuses[i % 20],
                created_at=self.ago(3000),
            )
            for i in range(self.n["organizations"])
        ]
        self.orgs = Organization.objects.bulk_create(orgs)
        self.member_orgs = [o for o in self.orgs if o.status == OrganizationStatus.MEMBER]

    def people(self):
        from allauth.account.models import EmailAddress
        from django.contrib.auth.hashers import make_password

        from members.enums import MembershipRole, Visibility
        from members.models import Membership, User

        rng = self.rng
        # One hash for everyone: hashing 5,000 passwords would take minutes. Nobody knows it;
        # the benchmark signs people in with sessions it creates.
        password = make_password(uuid.uuid4().hex)
        # Six in ten members-only, three public, one hidden.
        visibilities = [Visibility.MEMBERS] * 6 + [Visibility.PUBLIC] * 3 + [Visibility.HIDDEN]
        users = [
            User(
                email=f"load-person-{i:05d}@example.org",
                password=password,
                first_name=rng.choice(FIRST),
                last_name=rng.choice(LAST),
                display_name=f"{rng.choice(FIRST)} {rng.choice(LAST)} {i:05d}",
                bio=_text(rng, 2),
                countries=rng.sample(self.country_codes, 2),
                languages=["en"],
                visibility=visibilities[i % 10],
                is_active=i == 0 or rng.random() > 0.02,
                date_joined=self.ago(2000),
            )
            for i in range(self.n["people"])
        ]
        self.users = User.objects.bulk_create(users, batch_size=2000)
        self.copy(
            EmailAddress,
            ["user_id", "email", "verified", "primary"],
            [(u.pk, u.email, True, True) for u in self.users],
        )
        # Every person belongs to one organization; its first two are focal point and alternate.
        memberships, self.org_people = [], {o.pk: [] for o in self.orgs}
        lead_roles = [MembershipRole.FOCAL_POINT, MembershipRole.ALTERNATE]
        for i, user in enumerate(self.users):
            org = self.orgs[i % len(self.orgs)]
            people = self.org_people[org.pk]
            role = lead_roles[len(people)] if len(people) < 2 else MembershipRole.MEMBER
            people.append(user)
            memberships.append((user.pk, org.pk, role, self.ago(1000)))
        self.copy(Membership, ["user_id", "organization_id", "role", "created_at"], memberships)

    # -- gaps and agenda

    def gaps(self):
        from network.gaps.enums import (
            Area,
            Disaggregation,
            EmptyReason,
            ExploitationForm,
            GapStatus,
            Severity,
        )
        from network.gaps.models import Country, DataGap

        rng = self.rng
        gaps = [
            DataGap(
                title=f"No {rng.choice(WORDS)} data on {rng.choice(WORDS)} {rng.choice(WORDS)} "
                f"({i:04d})",
                description=_text(rng, 3),
                area=rng.choice(Area.values),
                forms=rng.sample(ExploitationForm.values, 2),
                missing_disaggregations=rng.sample(Disaggregation.values, 2),
                empty_reason=rng.choice(EmptyReason.values),
                severity=rng.choice(Severity.values),
                status=rng.choice(GapStatus.values),
                reported_by=rng.choice(self.member_orgs),
                created_at=self.ago(1500),
                updated_at=self.now,
            )
            for i in range(self.n["gaps"])
        ]
        self.gap_list = DataGap.objects.bulk_create(gaps, batch_size=2000)
        country_ids = list(Country.objects.values_list("pk", flat=True))
        through = DataGap.countries.through
        rows = [
            (gap.pk, country)
            for gap in self.gap_list
            for country in rng.sample(country_ids, min(3, len(country_ids)))
        ]
        self.copy(through, ["datagap_id", "country_id"], rows)

    def priorities(self):
        from network.agenda.enums import PriorityStatus, Theme
        from network.agenda.models import Endorsement, ResearchPriority, Supporter

        rng = self.rng
        statuses = [
            PriorityStatus.PROPOSED,
            PriorityStatus.UNDER_DISCUSSION,
            PriorityStatus.ADOPTED,
            PriorityStatus.NOT_ADOPTED,
            PriorityStatus.RETIRED,
        ]
        priorities = [
            ResearchPriority(
                title=f"Research on {rng.choice(WORDS)} and {rng.choice(WORDS)} ({i:03d})",
                rationale=_text(rng, 3),
                theme=rng.choice(Theme.values),
                status=rng.choice(statuses),
                proposing_organization=rng.choice(self.member_orgs),
                proposed_by=rng.choice(self.users),
                created_at=self.ago(1500),
            )
            for i in range(self.n["priorities"])
        ]
        self.priority_list = ResearchPriority.objects.bulk_create(priorities)
        endorsements, supporters, links = [], [], []
        for priority in self.priority_list:
            for org in rng.sample(self.member_orgs, min(5, len(self.member_orgs))):
                endorsements.append((priority.pk, org.pk, self.now))
            for user in rng.sample(self.users, 8):
                supporters.append((priority.pk, user.pk, self.now))
            for gap in rng.sample(self.gap_list, 3):
                links.append((priority.pk, gap.pk))
        self.copy(Endorsement, ["priority_id", "organization_id", "created_at"], endorsements)
        self.copy(Supporter, ["priority_id", "user_id", "created_at"], supporters)
        self.copy(ResearchPriority.gaps.through, ["researchpriority_id", "datagap_id"], links)

    # -- projects

    def projects(self):
        from projects.enums import PartnerStatus, ProjectRole, ProjectStatus, ProjectTheme
        from projects.models import OpenRole, PartnerOrganization, ProjectMember, ResearchProject

        rng = self.rng
        statuses = [
            ProjectStatus.PROPOSED,
            ProjectStatus.RECRUITING,
            ProjectStatus.ACTIVE,
            ProjectStatus.COMPLETED,
        ]
        leads = []
        projects = []
        for i in range(self.n["projects"]):
            org = rng.choice(self.member_orgs)
            lead = rng.choice(self.org_people[org.pk] or self.users)
            leads.append(lead)
            projects.append(
                ResearchProject(
                    title=f"{rng.choice(WORDS).title()} {rng.choice(WORDS)} study {i:04d}",
                    slug=f"load-project-{i:04d}",
                    summary=_text(rng, 2),
                    research_questions=_text(rng, 1),
                    countries=rng.sample(self.country_codes, 2),
                    themes=rng.sample(ProjectTheme.values, 2),
                    lead_organization=org,
                    # One in eight is a draft, seen only by its team.
                    status=ProjectStatus.DRAFT if i % 8 == 1 else rng.choice(statuses),
                    contact_details="Team only: load contact details.",
                    internal_notes="Team only: load internal notes.",
                    created_by=lead,
                    created_at=self.ago(1200),
                    updated_at=self.now,
                )
            )
        self.project_list = ResearchProject.objects.bulk_create(projects)
        self.teams = {}
        members, partners, roles, gap_links, priority_links = [], [], [], [], []
        for project, lead in zip(self.project_list, leads, strict=True):
            team = [lead, *[u for u in rng.sample(self.users, 3) if u != lead]]
            self.teams[project.pk] = team
            for n, user in enumerate(team):
                role = ProjectRole.LEAD if n == 0 else ProjectRole.MEMBER
                members.append((project.pk, user.pk, role, "", self.now))
            for org in rng.sample(self.member_orgs, min(2, len(self.member_orgs))):
                if org.pk != project.lead_organization_id:
                    partners.append(
                        (project.pk, org.pk, rng.choice(PartnerStatus.values), self.now)
                    )
            if rng.random() < 0.4:
                roles.append((project.pk, "Field researcher", "Interviews", False, self.now, ""))
            for gap in rng.sample(self.gap_list, 2):
                gap_links.append((project.pk, gap.pk))
            priority_links.append((project.pk, rng.choice(self.priority_list).pk))
        self.copy(
            ProjectMember, ["project_id", "user_id", "role", "committed", "joined_at"], members
        )
        self.copy(
            PartnerOrganization,
            ["project_id", "organization_id", "status", "invited_at"],
            partners,
        )
        self.copy(
            OpenRole,
            ["project_id", "title", "skills", "is_filled", "created_at", "countries"],
            roles,
        )
        self.copy(ResearchProject.gaps.through, ["researchproject_id", "datagap_id"], gap_links)
        self.copy(
            ResearchProject.priorities.through,
            ["researchproject_id", "researchpriority_id"],
            priority_links,
        )

    # -- events

    def events(self):
        from modelsearch.signal_handlers import post_save_signal_handler

        from events.models import EventIndexPage, EventPage

        index = EventIndexPage.objects.get()
        self.event_list = []
        # Indexed in bulk later: indexing each page as it is saved rescans the whole index.
        post_save.disconnect(post_save_signal_handler, sender=EventPage)
        try:
            self._event_pages(index)
        finally:
            post_save.connect(post_save_signal_handler, sender=EventPage)
        self._sessions_and_registrations()

    def _event_pages(self, index):
        from events.enums import EventKind
        from events.models import EventPage

        rng = self.rng
        for i in range(self.n["events"]):
            start = self.now + timedelta(days=rng.randint(-900, 400), hours=rng.randint(0, 8))
            event = EventPage(
                title=f"{rng.choice(WORDS).title()} workshop {i:03d}",
                slug=f"load-event-{i:03d}",
                kind=rng.choice(EventKind.values),
                start=start,
                end=start + timedelta(days=2),
                city="Vienna",
                purpose=f"<p>{_sentence(rng)}</p>",
                capacity=None,
                # One in ten is an unpublished draft.
                live=i % 10 != 3,
                show_in_menus=False,
            )
            # add_child keeps the page tree consistent (paths, depth, numchild).
            self.event_list.append(index.add_child(instance=event))

    def _sessions_and_registrations(self):
        from events.enums import RegistrationStatus, SessionKind
        from events.models import EventPage, Registration, Session

        rng = self.rng
        sessions_per_event = max(1, self.n["sessions"] // len(self.event_list))
        sessions, organizers = [], []
        for event in self.event_list:
            for n in range(sessions_per_event):
                begin = event.start + timedelta(hours=n)
                sessions.append(
                    Session(
                        page=event,
                        sort_order=n,
                        kind=rng.choice(SessionKind.values),
                        title=f"Session {n + 1}: {rng.choice(WORDS)}",
                        start=begin,
                        end=begin + timedelta(minutes=50),
                        description=_sentence(rng),
                    )
                )
            for org in rng.sample(self.member_orgs, min(2, len(self.member_orgs))):
                organizers.append((event.pk, org.pk))
        Session.objects.bulk_create(sessions, batch_size=2000)
        self.copy(EventPage.organizers.through, ["eventpage_id", "organization_id"], organizers)
        per_event = max(1, self.n["registrations"] // len(self.event_list))
        statuses = [RegistrationStatus.CONFIRMED] * 7 + [
            RegistrationStatus.PENDING,
            RegistrationStatus.WAITLISTED,
            RegistrationStatus.CANCELLED,
        ]
        user_org = {u.pk: o for o, people in self.org_people.items() for u in people}
        registrations, self.confirmed = [], {}
        for event in self.event_list:
            for user in rng.sample(self.users, min(per_event, len(self.users))):
                status = rng.choice(statuses)
                if status == RegistrationStatus.CONFIRMED:
                    self.confirmed.setdefault(event.pk, []).append(user)
                registrations.append((event.pk, user.pk, user_org[user.pk], status, "{}", self.now))
        self.copy(
            Registration,
            ["event_id", "user_id", "organization_id", "status", "answers", "created_at"],
            registrations,
        )

    # -- library

    def publications(self):
        from network.library.enums import PublicationType, Region
        from network.library.models import Publication

        rng = self.rng
        pubs = [
            Publication(
                title=f"{rng.choice(WORDS).title()} and {rng.choice(WORDS)}: report {i:04d}",
                slug=f"load-publication-{i:04d}",
                year=rng.randint(1995, 2025),
                type=rng.choice(PublicationType.values),
                regions=[rng.choice(Region.values)],
                countries=rng.sample(self.country_codes, 2),
                languages=["en"],
                summary=_text(rng, 3),
                link=f"https://example.org/load/{i}",
                created_at=self.ago(2000),
                updated_at=self.now,
            )
            for i in range(self.n["publications"])
        ]
        self.publication_list = Publication.objects.bulk_create(pubs, batch_size=2000)
        publishers, gap_links = [], []
        for pub in self.publication_list:
            for org in rng.sample(self.member_orgs, min(2, len(self.member_orgs))):
                publishers.append((pub.pk, org.pk))
            if rng.random() < 0.3:
                gap_links.append((pub.pk, rng.choice(self.gap_list).pk))
        self.copy(Publication.publishers.through, ["publication_id", "organization_id"], publishers)
        self.copy(Publication.gaps.through, ["publication_id", "datagap_id"], gap_links)

    # -- discussions

    def discussions(self):
        from django.contrib.contenttypes.models import ContentType

        from network.discussions import markdown
        from network.discussions.enums import RoomVisibility
        from network.discussions.models import Message, Room, RoomMember, Topic

        rng = self.rng
        rooms, members = [], {}

        def room(slug, title, visibility, target=None, team=()):
            r = Room(slug=slug, title=title, visibility=visibility, created_at=self.ago(500))
            if target is not None:
                r.content_type = ContentType.objects.get_for_model(target)
                r.object_id = target.pk
            rooms.append(r)
            members[slug] = list(team)

        # The fan-out benchmark's room: open to all network members.
        room(BENCH_ROOM, "Benchmark commons", RoomVisibility.NETWORK)
        room("load-commons", "Network commons", RoomVisibility.NETWORK)
        for project in self.project_list[: max(2, len(self.project_list) // 5)]:
            room(
                f"load-room-{project.slug}",
                project.title,
                RoomVisibility.RESTRICTED,
                project,
                self.teams[project.pk],
            )
        for gap in self.gap_list[: max(2, len(self.gap_list) // 20)]:
            room(f"load-room-gap-{gap.pk}", gap.title[:200], RoomVisibility.NETWORK, gap)
        for event in self.event_list[: max(1, len(self.event_list) // 6)]:
            room(
                f"load-room-{event.slug}",
                event.title,
                RoomVisibility.RESTRICTED,
                event,
                self.confirmed.get(event.pk, []),
            )
        rooms = Room.objects.bulk_create(rooms)
        self.copy(
            RoomMember,
            ["room_id", "user_id", "added_at"],
            [(r.pk, u.pk, self.now) for r in rooms for u in members[r.slug]],
        )
        topics = Topic.objects.bulk_create(
            [
                Topic(room=r, title=f"{word.title()} ({n})", created_at=self.ago(400))
                for r in rooms
                for n, word in enumerate(rng.sample(WORDS, 3))
            ]
        )
        bodies = [_sentence(rng, rng.randint(6, 30)) for _ in range(200)]
        rendered = [(body, markdown.render(body)) for body in bodies]
        authors = {r.pk: [u.pk for u in members[r.slug]] for r in rooms}
        everyone = [u.pk for u in self.users]
        # The commons carries a tenth of all messages; the rest spread over every room.
        weights = [1 if t.room.slug != "load-commons" else len(topics) // 9 + 1 for t in topics]
        start = self.now - timedelta(days=400)
        step = timedelta(days=400) / self.n["messages"]
        chosen = rng.choices(topics, weights=weights, k=self.n["messages"])
        last = {}

        def rows():
            for i, topic in enumerate(chosen):
                body, html = rng.choice(rendered)
                created = start + step * i
                last[topic.pk] = created
                author = rng.choice(authors[topic.room_id] or everyone)
                yield (topic.room_id, topic.pk, author, body, html, uuid.uuid4(), created, False)

        fields = ["room_id", "topic_id", "author_id", "body", "body_html", "client_id", "created"]
        self.copy(Message, [*fields, "hidden"], rows())
        for topic in topics:
            if topic.pk in last:
                topic.last_message_at = last[topic.pk]
        Topic.objects.bulk_update(topics, ["last_message_at"], batch_size=2000)

    # -- search

    @property
    def indexed(self):
        from network.library.models import Publication

        publications = Publication.objects.filter(
            pk__in=[p.pk for p in self.publication_list]
        ).prefetch_related("publishers")
        return [
            self.event_list,
            self.orgs,
            self.users,
            self.gap_list,
            self.priority_list,
            self.project_list,
            list(publications),
        ]

    @staticmethod
    def index(groups):
        """Add what bulk_create wrote to the search index (event pages were indexed on save)."""
        from wagtail.search.backends import get_search_backend

        backend = get_search_backend()
        for objects in groups:
            # Chunks keep each INSERT statement a reasonable size.
            for start in range(0, len(objects), 1000):
                chunk = objects[start : start + 1000]
                backend.add_bulk(type(chunk[0]), chunk)
