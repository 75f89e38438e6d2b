"""One small network, built once per test module: a person for every role a form needs and an
object for every form to act on. Each fuzzed example runs in a savepoint rolled back at its
end, so every example starts from this same state."""

from dataclasses import dataclass, field
from datetime import timedelta

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.utils import timezone

from events import services as event_services
from events.enums import MinutesStatus, OutputKind, RegistrationStatus
from events.models import EventOrganizer
from members import services as member_services
from members.enums import MembershipRole
from network.agenda import services as agenda_services
from network.agenda.enums import PriorityStatus
from network.catalogue.models import GapCitation
from network.countries.enums import AnswerStatus
from network.countries.models import GapChangeProposal
from network.discussions import services as discussion_services
from network.discussions.enums import RoomVisibility
from network.gaps.enums import GapStatus
from network.groups.enums import GroupStatus, MembershipStatus
from projects.enums import ProjectRole, ProjectStatus
from tests.factories import (
    InvitationFactory,
    MembershipFactory,
    MembershipRequestFactory,
    OrganizationFactory,
    UserFactory,
)
from tests.factories.catalogue import AccessRequestFactory, DatasetFactory
from tests.factories.countries import (
    AnswerFactory,
    ProfileVersionFactory,
    RoundCountryFactory,
    RoundFactory,
)
from tests.factories.decisions import DecisionFactory
from tests.factories.desk import NoticeFactory
from tests.factories.discussions import (
    MessageFactory,
    RoomFactory,
    RoomModeratorFactory,
    TopicFactory,
)
from tests.factories.events import (
    EventOutputFactory,
    EventPageFactory,
    RegistrationFactory,
    SessionFactory,
)
from tests.factories.gaps import (
    CountryFactory,
    DataGapFactory,
    GapTranslationFactory,
    PriorityFactory,
    PriorityTranslationFactory,
    SubRegionFactory,
)
from tests.factories.groups import GroupMembershipFactory, WorkingGroupFactory
from tests.factories.library import PublicationFactory
from tests.factories.projects import (
    JoinRequestFactory,
    OpenRoleFactory,
    PartnerOrganizationFactory,
    ProjectMemberFactory,
    ResearchProjectFactory,
)

INVITATION_TOKEN = "fuzz-invitation-token"


@dataclass
class World:
    objects: dict = field(default_factory=dict)

    def __getattr__(self, name):
        try:
            return self.objects[name]
        except KeyError as error:
            raise AttributeError(name) from error


def build_world():
    o = {}
    o["org_a"] = OrganizationFactory(name="Agency A", slug="agency-a")
    o["org_b"] = OrganizationFactory(name="Agency B", slug="agency-b")
    o["org_c"] = OrganizationFactory(name="Agency C", slug="agency-c")

    def person(org=None, role=MembershipRole.MEMBER, **kwargs):
        if org is None:
            return UserFactory(**kwargs)
        return MembershipFactory(organization=org, role=role, user__visibility="public").user

    o["focal_a"] = person(o["org_a"], MembershipRole.FOCAL_POINT)
    o["member_a"] = person(o["org_a"])
    o["colleague_a"] = person(o["org_a"])  # a member the focal point can name alternate
    o["focal_b"] = person(o["org_b"], MembershipRole.FOCAL_POINT)
    o["member_b"] = person(o["org_b"])
    o["joiner"] = person(o["org_b"])  # asks to join the project
    o["outsider"] = person()  # signed in, no organization
    o["staff"] = UserFactory(is_staff=True, is_superuser=True)
    TOTP.activate(o["staff"], generate_totp_secret())

    # Membership: a pending request to join A, an invitation to A for the outsider.
    o["join_org_request"] = MembershipRequestFactory(user=o["outsider"], organization=o["org_a"])
    o["invitation"] = InvitationFactory(
        organization=o["org_a"], email=o["outsider"].email, token=INVITATION_TOKEN
    )
    o["api_token"] = member_services.token_create(user=o["member_a"], name="script")[0]

    # Gaps and the agenda.
    region = SubRegionFactory(name="South-Eastern Europe", slug="see")
    o["country"] = CountryFactory(code="AL", sub_region=region)
    CountryFactory(code="MD", sub_region=region)
    o["region"] = region
    o["gap"] = DataGapFactory(reported_by=o["org_a"], countries=[o["country"]])
    o["priority"] = PriorityFactory(status=PriorityStatus.UNDER_DISCUSSION, gaps=[o["gap"]])
    o["endorsed_priority"] = PriorityFactory(status=PriorityStatus.UNDER_DISCUSSION)
    # Member A's Spanish translations, to edit (new ones are fuzzed in other languages).
    PriorityTranslationFactory(priority=o["priority"], translator=o["member_a"], language="es")
    GapTranslationFactory(gap=o["gap"], translator=o["member_a"], language="es")
    agenda_services.priority_endorse(
        priority=o["endorsed_priority"], organization=o["org_a"], by=o["focal_a"]
    )
    voted = PriorityFactory(status=PriorityStatus.UNDER_DISCUSSION)
    o["voting_priority"] = agenda_services.priority_vote_open(
        priority=voted, by=o["staff"], closes_at=timezone.now() + timedelta(days=7)
    )

    # A recruiting project led from A, with a team member, an open role, a pending request
    # from B, a pending partnership invitation to B and a gap it addresses.
    project = ResearchProjectFactory(
        lead_organization=o["org_a"], status=ProjectStatus.RECRUITING, created_by=o["focal_a"]
    )
    project.gaps.add(o["gap"])
    o["project"] = project
    o["lead"] = o["focal_a"]
    ProjectMemberFactory(project=project, user=o["focal_a"], role=ProjectRole.LEAD)
    o["team_entry"] = ProjectMemberFactory(project=project, user=o["member_a"])
    o["open_role"] = OpenRoleFactory(project=project)
    o["project_request"] = JoinRequestFactory(project=project, user=o["member_b"])
    o["partnership"] = PartnerOrganizationFactory(project=project, organization=o["org_b"])

    # The library.
    o["publication"] = PublicationFactory(publishers=[o["org_a"]], slug="fuzz-study")

    # A network room with a topic, a message by member_a, moderated by focal_a.
    room = RoomFactory(slug="fuzz-room", visibility=RoomVisibility.NETWORK)
    RoomModeratorFactory(room=room, user=o["focal_a"])
    o["room"] = room
    o["topic"] = TopicFactory(room=room, created_by=o["member_a"])
    o["message"] = MessageFactory(topic=o["topic"], author=o["member_a"])
    # member_b reported it; focal_a, its moderator, decides.
    o["report"] = discussion_services.message_report_create(
        message=o["message"], reporter=o["member_b"], reason="abusive"
    )
    # A second room focal_a moderates, where topics can be moved.
    o["other_room"] = RoomFactory(slug="fuzz-other-room", visibility=RoomVisibility.NETWORK)
    RoomModeratorFactory(room=o["other_room"], user=o["focal_a"])

    # An event organized by organizer (an EventOrganizer), open for registration, with a
    # confirmed participant (member_b), a pending registration and an output.
    event = EventPageFactory(slug="fuzz-workshop", capacity=50)
    o["event"] = event
    o["session"] = SessionFactory(page=event)
    o["organizer"] = person(o["org_c"])
    EventOrganizer.objects.create(page=event, user=o["organizer"])
    o["participant"] = o["member_b"]
    RegistrationFactory(event=event, user=o["member_b"], organization=o["org_b"])
    o["pending_registration"] = RegistrationFactory(
        event=event,
        user=person(o["org_c"]),
        organization=o["org_c"],
        status=RegistrationStatus.PENDING,
    )
    # An event with a per-organization quota: a colleague's registration awaits Agency A's
    # focal point.
    o["quota_event"] = EventPageFactory(slug="fuzz-quota-workshop", organization_quota=2)
    o["awaiting_registration"] = RegistrationFactory(
        event=o["quota_event"],
        user=o["colleague_a"],
        organization=o["org_a"],
        status=RegistrationStatus.AWAITING_ORGANIZATION,
    )
    # Uploaded minutes the attending organizations agreed (organizers publish them), drafted
    # minutes, and drafted minutes circulated to Agency B (member_b attended for it).
    o["event_output"] = EventOutputFactory(
        event=event, kind=OutputKind.MINUTES, minutes_status=MinutesStatus.AGREED
    )
    o["draft_minutes"] = event_services.minutes_draft(
        event=event, by=o["organizer"], title="Draft minutes", body="What was said."
    )
    o["minutes"] = event_services.minutes_circulate(
        output=event_services.minutes_draft(
            event=event, by=o["organizer"], title="Circulated minutes", body="What was agreed."
        ),
        by=o["organizer"],
        days=14,
    )
    # A country round for Albania: Agency A's draft, Agency B's submitted answer; an earlier
    # published profile proposing a change to the gap. A notice to A and B. An action point A
    # is responsible for.
    o["round"] = RoundFactory(title="Albania update", slug="albania-update")
    o["round_country"] = RoundCountryFactory(round=o["round"], country=o["country"])
    o["draft_answer"] = AnswerFactory(round_country=o["round_country"], organization=o["org_a"])
    o["submitted_answer"] = AnswerFactory(
        round_country=o["round_country"],
        organization=o["org_b"],
        status=AnswerStatus.SUBMITTED,
        revision=1,
        values={"summary": {"value": "Words", "source_kind": "knowledge", "source_ref": ""}},
    )
    o["proposal"] = GapChangeProposal.objects.create(
        gap=o["gap"],
        version=ProfileVersionFactory(country=o["country"], number=1),
        to_status=GapStatus.PARTLY_FILLED,
        reason="Now by age.",
    )
    o["notice"] = NoticeFactory(recipients=[o["org_a"], o["org_b"]])
    o["decision"] = DecisionFactory(responsible=[o["org_a"]])
    # Working groups convened by A: B takes part in one and may ask to join the other, where
    # C's request waits for A's answer; and a proposal for the secretariat.
    o["group"] = WorkingGroupFactory(slug="fuzz-group", conveners=[o["org_a"]],
                                     organizations=[o["org_b"]])  # fmt: skip
    o["open_group"] = WorkingGroupFactory(slug="open-group", conveners=[o["org_a"]])
    o["group_request"] = GroupMembershipFactory(
        group=o["open_group"], organization=o["org_c"], status=MembershipStatus.PENDING,
        joined_at=None,
    )  # fmt: skip
    o["proposed_group"] = WorkingGroupFactory(slug="proposal", status=GroupStatus.PROPOSED,
                                              conveners=[o["org_a"]])  # fmt: skip
    # Agency B's dataset in the catalogue; Agency A's pending request for it.
    o["dataset"] = DatasetFactory(owner=o["org_b"], slug="routes-register")
    # Agency A's gap cites that dataset; another one it may cite.
    o["citation"] = GapCitation.objects.create(gap=o["gap"], dataset=o["dataset"])
    o["spare_dataset"] = DatasetFactory(owner=o["org_b"], slug="spare-register")
    o["data_request"] = AccessRequestFactory(
        dataset=o["dataset"], organization=o["org_a"], requested_by=o["member_a"]
    )
    return World(o)
