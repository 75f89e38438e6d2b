"""One small network holding one of every restricted thing, and a person in every role.

Built once per test module (see conftest.py): every restricted thing carries a canary, a
marker string that the suites look for in everything a role that may not see it can reach.
"""

from datetime import timedelta
from types import SimpleNamespace

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import PageViewRestriction

from events import services as event_services
from events.enums import RegistrationMode, RegistrationStatus
from events.models import EventOrganizer
from home.models import HomePage, StandardPage
from members import services as member_services
from members.enums import MembershipRole, OrganizationStatus, Visibility
from network.catalogue.models import GapCitation
from network.countries.enums import AnswerStatus
from network.countries.models import GapChangeProposal
from network.discussions import services as discussion_services
from network.discussions.enums import RoomVisibility
from network.gaps.enums import GapStatus
from network.groups.enums import GroupStatus, MembershipStatus
from projects.enums import ProjectRole, ProjectStatus
from tests.factories import (
    ExpertiseFactory,
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
    RoomMemberFactory,
    RoomModeratorFactory,
    TopicFactory,
)
from tests.factories.events import (
    EventOutputFactory,
    EventPageFactory,
    RegistrationFactory,
    SessionFactory,
    events_index,
)
from tests.factories.gaps import (
    CountryFactory,
    DataGapFactory,
    GapTranslationFactory,
    IndicatorFactory,
    PriorityFactory,
    PriorityTranslationFactory,
)
from tests.factories.groups import GroupMembershipFactory, WorkingGroupFactory
from tests.factories.library import PublicationFactory
from tests.factories.projects import (
    JoinRequestFactory,
    OpenRoleFactory,
    PartnerOrganizationFactory,
    ProjectMemberFactory,
    ProjectOutputFactory,
    ResearchProjectFactory,
)

ANON = "anonymous"
NOBODY = "no_organization"
MEMBER_A = "member_a"
FOCAL_A = "focal_a"
FOCAL_B = "focal_b"
LEAD = "project_lead"
TEAM = "project_team"
ORGANIZER = "event_organizer"
PARTICIPANT = "participant"
MODERATOR = "room_moderator"
STAFF = "staff"
ROLES = (
    ANON,
    NOBODY,
    MEMBER_A,
    FOCAL_A,
    FOCAL_B,
    LEAD,
    TEAM,
    ORGANIZER,
    PARTICIPANT,
    MODERATOR,
    STAFF,
)
SIGNED_IN = tuple(r for r in ROLES if r != ANON)
# Everyone who belongs to an admitted member organization.
NETWORK = tuple(r for r in SIGNED_IN if r not in (NOBODY, STAFF))


class Canary:
    """Markers planted in restricted things. Each is seen only by the roles named in SEEN_BY
    (and by the people they concern, who hold no role here)."""

    HIDDEN_NAME = "CanaryHiddenPersonName"
    HIDDEN_BIO = "CanaryHiddenPersonBio"
    HIDDEN_PARTICIPANT = "CanaryHiddenParticipantName"
    MEMBERS_ONLY_NAME = "CanaryMembersOnlyName"
    HIDDEN_EXPERTISE = "CanaryHiddenExpertise"
    APPLICANT_MANDATE = "CanaryApplicantMandate"
    DRAFT_PROJECT = "CanaryDraftProjectTitle"
    DRAFT_SUMMARY = "CanaryDraftProjectSummary"
    TEAM_CONTACT = "CanaryTeamContact"
    TEAM_NOTES = "CanaryTeamNotes"
    TEAM_ETHICS = "CanaryTeamEthicsBody"
    JOIN_REQUEST = "CanaryJoinRequestMessage"
    MEMBERSHIP_REQUEST = "CanaryMembershipRequestMessage"
    INVITEE = "canaryinvitee"
    ROOM_TITLE = "CanaryRestrictedRoomTitle"
    ROOM_TOPIC = "CanaryRestrictedTopic"
    ROOM_MESSAGE = "CanaryRestrictedMessage"
    DRAFT_PAGE = "CanaryDraftPageTitle"
    PRIVATE_PAGE = "CanaryPrivatePageTitle"
    LOGIN_PAGE = "CanaryLoginPageTitle"
    DRAFT_EVENT = "CanaryDraftEventTitle"
    PRIVATE_EVENT = "CanaryPrivateEventTitle"
    EVENT_LINK = "CanaryEventOnlineLink"
    EVENT_VENUE = "CanaryEventVenueDetails"
    TOKEN_NAME = "CanaryTokenName"
    GROUP_ROOM = "CanaryGroupRoomTitle"
    PROPOSED_GROUP = "CanaryProposedGroupName"
    GROUP_REQUEST = "CanaryGroupJoinRequestNote"
    DRAFT_ANSWER = "CanaryDraftRoundAnswer"
    SUBMITTED_ANSWER = "CanarySubmittedRoundAnswer"
    DATA_REQUEST = "CanaryDataAccessPurpose"
    DRAFT_MINUTES = "CanaryDraftMinutesText"
    RESTRICTED_DECISION = "CanaryRestrictedMeetingDecision"
    REPORT_COMMENT = "CanaryReportComment"

    SEEN_BY = {
        HIDDEN_NAME: (),
        HIDDEN_BIO: (),
        HIDDEN_PARTICIPANT: (ORGANIZER, STAFF),
        MEMBERS_ONLY_NAME: (*NETWORK, STAFF),
        # Held by the hidden person alone: no list of expertise may offer it.
        HIDDEN_EXPERTISE: (),
        APPLICANT_MANDATE: (STAFF,),
        DRAFT_PROJECT: (LEAD, TEAM, STAFF),
        DRAFT_SUMMARY: (LEAD, TEAM, STAFF),
        TEAM_CONTACT: (LEAD, TEAM, STAFF),
        TEAM_NOTES: (LEAD, TEAM, STAFF),
        TEAM_ETHICS: (LEAD, TEAM, STAFF),
        JOIN_REQUEST: (LEAD,),
        MEMBERSHIP_REQUEST: (FOCAL_A, STAFF),
        INVITEE: (FOCAL_A, STAFF),
        ROOM_TITLE: (LEAD, TEAM, MODERATOR, STAFF),
        ROOM_TOPIC: (LEAD, TEAM, MODERATOR, STAFF),
        ROOM_MESSAGE: (LEAD, TEAM, MODERATOR, STAFF),
        DRAFT_PAGE: (),
        PRIVATE_PAGE: (STAFF,),
        LOGIN_PAGE: SIGNED_IN,
        DRAFT_EVENT: (),
        PRIVATE_EVENT: (STAFF,),
        EVENT_LINK: (ORGANIZER, PARTICIPANT, STAFF),
        EVENT_VENUE: (ORGANIZER, PARTICIPANT, STAFF),
        DRAFT_MINUTES: (ORGANIZER, STAFF),
        TOKEN_NAME: (MEMBER_A,),
        # A round's answers: the answering organization's people and the secretariat.
        DRAFT_ANSWER: (MEMBER_A, FOCAL_A, STAFF),
        SUBMITTED_ANSWER: (FOCAL_B, STAFF),
        # An access request: the requesting organization (A), the owner (B) and staff.
        DATA_REQUEST: (MEMBER_A, FOCAL_A, FOCAL_B, STAFF),
        # Agency A's working group: its closed room for A's people, A's proposal (its proposer
        # and A's spokespeople), and Agency B's request to join, for the convener A to answer.
        GROUP_ROOM: (MEMBER_A, FOCAL_A, STAFF),
        PROPOSED_GROUP: (MEMBER_A, FOCAL_A, STAFF),
        GROUP_REQUEST: (FOCAL_A, STAFF),
        # An action point of the private event, for which Agency A answers: A's people, staff.
        RESTRICTED_DECISION: (MEMBER_A, FOCAL_A, STAFF),
        # A report of the restricted room's message: its moderator and the secretariat alone,
        # never the reported person (TEAM) nor the room's other members.
        REPORT_COMMENT: (MODERATOR, STAFF),
    }

    @classmethod
    def all(cls):
        return tuple(cls.SEEN_BY)

    @classmethod
    def hidden_from(cls, role):
        return tuple(c for c, roles in cls.SEEN_BY.items() if role not in roles)


def build():
    """The world. Everyone in a role but staff and `no_organization` belongs to an admitted
    organization; the role-holders of projects, events and rooms belong to Agency C."""
    w = SimpleNamespace()
    w.org_a = OrganizationFactory(name="Agency A", slug="agency-a", acronym="AA")
    w.org_b = OrganizationFactory(name="Agency B", slug="agency-b", acronym="AB")
    w.org_c = OrganizationFactory(name="Agency C", slug="agency-c", acronym="AC")
    # Organizes the event; none of the role-holders speaks for it.
    w.org_d = OrganizationFactory(name="Agency D", slug="agency-d", acronym="AD")
    w.applicant_org = OrganizationFactory(
        name="Applicant agency",
        slug="applicant-agency",
        status=OrganizationStatus.APPLICANT,
        mandate=f"We apply. {Canary.APPLICANT_MANDATE}",
    )

    def person(org, role=MembershipRole.MEMBER, **kwargs):
        user = UserFactory(**kwargs)
        if org is not None:
            MembershipFactory(user=user, organization=org, role=role)
        return user

    users = {
        NOBODY: person(None),
        MEMBER_A: person(w.org_a),
        FOCAL_A: person(w.org_a, MembershipRole.FOCAL_POINT),
        FOCAL_B: person(w.org_b, MembershipRole.FOCAL_POINT),
        LEAD: person(w.org_c, MembershipRole.FOCAL_POINT),
        TEAM: person(w.org_c),
        ORGANIZER: person(w.org_c),
        PARTICIPANT: person(w.org_c),
        MODERATOR: person(w.org_c),
        STAFF: UserFactory(is_staff=True, is_superuser=True),
    }
    TOTP.activate(users[STAFF], generate_totp_secret())
    w.users = users
    w.hidden = person(
        w.org_a,
        display_name=Canary.HIDDEN_NAME,
        bio=Canary.HIDDEN_BIO,
        visibility=Visibility.HIDDEN,
    )
    w.hidden.expertise.add(ExpertiseFactory(name=Canary.HIDDEN_EXPERTISE, slug="quiet-topic"))
    w.members_only = person(
        w.org_b, display_name=Canary.MEMBERS_ONLY_NAME, visibility=Visibility.MEMBERS
    )
    w.requester = person(w.org_b)
    w.applicant = person(None)
    w.membership_request = MembershipRequestFactory(
        user=w.applicant, organization=w.org_a, message=Canary.MEMBERSHIP_REQUEST
    )
    w.invitation = InvitationFactory(
        organization=w.org_a, email=f"{Canary.INVITEE}@example.org", invited_by=users[FOCAL_A]
    )
    w.token = member_services.token_create(user=users[MEMBER_A], name=Canary.TOKEN_NAME)[0]

    # Projects: a published one with team-only fields and a pending join request, a draft.
    w.project = ResearchProjectFactory(
        title="Routes of child trafficking in the Balkans",
        slug="balkan-routes",
        status=ProjectStatus.RECRUITING,
        lead_organization=w.org_c,
        contact_details=Canary.TEAM_CONTACT,
        internal_notes=Canary.TEAM_NOTES,
        informed_consent=True,
        child_safeguarding=True,
        no_personal_data=True,
        ethics_review_body=Canary.TEAM_ETHICS,
        created_by=users[LEAD],
    )
    w.draft = ResearchProjectFactory(
        title=Canary.DRAFT_PROJECT,
        slug="draft-study",
        summary=Canary.DRAFT_SUMMARY,
        status=ProjectStatus.DRAFT,
        lead_organization=w.org_c,
        contact_details=Canary.TEAM_CONTACT,
        internal_notes=Canary.TEAM_NOTES,
        created_by=users[LEAD],
    )
    for project in (w.project, w.draft):
        ProjectMemberFactory(project=project, user=users[LEAD], role=ProjectRole.LEAD)
        ProjectMemberFactory(project=project, user=users[TEAM])
    w.team_member = w.project.members.get(user=users[TEAM])
    w.draft_team_member = w.draft.members.get(user=users[TEAM])
    w.open_role = OpenRoleFactory(project=w.project)
    w.draft_role = OpenRoleFactory(project=w.draft, title="Draft role")
    w.join_request = JoinRequestFactory(
        project=w.project, user=w.requester, message=Canary.JOIN_REQUEST
    )
    w.partner = PartnerOrganizationFactory(
        project=w.project, organization=w.org_b, invited_by=users[LEAD]
    )
    w.project_output = ProjectOutputFactory(
        project=w.project, title="Routes report", link="https://example.org/routes.pdf"
    )

    # Rooms: one for the network, one restricted whose every word is a canary.
    w.room = RoomFactory(title="Network room", slug="network-room")
    w.topic = TopicFactory(room=w.room, title="Welcome", created_by=users[MEMBER_A])
    w.message = MessageFactory(topic=w.topic, author=users[MEMBER_A], body="Hello network")
    w.secret_room = RoomFactory(
        title=Canary.ROOM_TITLE, slug="secret-room", visibility=RoomVisibility.RESTRICTED
    )
    for role in (LEAD, TEAM):
        RoomMemberFactory(room=w.secret_room, user=users[role])
    RoomModeratorFactory(room=w.secret_room, user=users[MODERATOR])
    w.secret_topic = TopicFactory(
        room=w.secret_room, title=Canary.ROOM_TOPIC, created_by=users[TEAM]
    )
    w.secret_message = MessageFactory(
        topic=w.secret_topic, author=users[TEAM], body=Canary.ROOM_MESSAGE
    )
    # Another member of the restricted room reports the message to its moderator.
    w.reporter = person(w.org_c)
    RoomMemberFactory(room=w.secret_room, user=w.reporter)
    w.secret_report = discussion_services.message_report_create(
        message=w.secret_message, reporter=w.reporter, reason="abusive",
        comment=f"It insults people. {Canary.REPORT_COMMENT}",
    )  # fmt: skip

    # A members-only notice to organizations A and B.
    w.notice = NoticeFactory(title="Convocation", recipients=[w.org_a, w.org_b])

    # Events: a published one with details for participants, a draft and a private one.
    events_index()
    w.event = EventPageFactory(
        title="Expert workshop on data",
        slug="data-workshop",
        online=True,
        online_link=f"https://meet.example.org/{Canary.EVENT_LINK}",
        venue_details=Canary.EVENT_VENUE,
        organizers=[w.org_d],
        show_participants=True,
        registration_mode=RegistrationMode.APPROVAL,
    )
    EventOrganizer.objects.create(page=w.event, user=users[ORGANIZER])
    w.session = SessionFactory(page=w.event)
    w.registration = RegistrationFactory(
        event=w.event, user=users[PARTICIPANT], organization=w.org_c
    )
    # A hidden person attends too: fellow participants see the list, not them; the
    # organizers, who decide registrations, do.
    w.hidden_participant = person(
        w.org_a, display_name=Canary.HIDDEN_PARTICIPANT, visibility=Visibility.HIDDEN
    )
    RegistrationFactory(event=w.event, user=w.hidden_participant, organization=w.org_a)
    w.pending_registration = RegistrationFactory(
        event=w.event,
        user=users[FOCAL_B],
        organization=w.org_b,
        status=RegistrationStatus.PENDING,
    )
    w.event_output = EventOutputFactory(event=w.event)
    # Drafted minutes: their organizers (and staff) alone read them until they are circulated.
    w.draft_minutes = event_services.minutes_draft(
        event=w.event, by=users[ORGANIZER], title="Minutes of the data workshop",
        body=f"The workshop discussed {Canary.DRAFT_MINUTES}.",
    )  # fmt: skip
    w.draft_event = EventPageFactory(
        title=Canary.DRAFT_EVENT,
        slug="draft-event",
        online_link=f"https://meet.example.org/{Canary.EVENT_LINK}",
        live=False,
    )
    w.private_event = EventPageFactory(
        title=Canary.PRIVATE_EVENT,
        slug="private-event",
        start=(timezone.now() + timedelta(days=12)).replace(microsecond=0),
    )
    w.editors = Group.objects.get_or_create(name="Secretariat editors")[0]
    restriction = PageViewRestriction.objects.create(
        page=w.private_event, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([w.editors])

    # Wagtail pages: a draft, one for a group only, one for signed-in people.
    home = HomePage.objects.get()
    w.home = home
    w.draft_page = home.add_child(
        instance=StandardPage(title=Canary.DRAFT_PAGE, slug="draft-page", live=False)
    )
    w.private_page = home.add_child(
        instance=StandardPage(title=Canary.PRIVATE_PAGE, slug="private-page")
    )
    restriction = PageViewRestriction.objects.create(
        page=w.private_page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([w.editors])
    w.login_page = home.add_child(instance=StandardPage(title=Canary.LOGIN_PAGE, slug="login-page"))
    PageViewRestriction.objects.create(
        page=w.login_page, restriction_type=PageViewRestriction.LOGIN
    )
    w.private_page_restriction = restriction
    w.public_page = StandardPage.objects.live().public().exclude(pk=w.login_page.pk).first()

    # Public things every list shows.
    w.country = CountryFactory(code="AL")
    w.gap = DataGapFactory(reported_by=w.org_a, countries=[w.country])
    w.indicator = IndicatorFactory()
    w.priority = PriorityFactory(proposing_organization=w.org_a)
    w.publication = PublicationFactory(publishers=[w.org_a], slug="routes-study")
    # Members' translations: the priority's by the hidden person, whose name no reader of the
    # translation may learn; the gap's into Russian by member A.
    w.priority_translation = PriorityTranslationFactory(
        priority=w.priority, translator=w.hidden, language="fr", title="Priorité traduite"
    )
    w.gap_translation = GapTranslationFactory(
        gap=w.gap, translator=users[MEMBER_A], language="ru", description="Перевод пробела"
    )

    # A country round for Albania: Agency A's draft, Agency B's submitted answer, both with
    # canaries; an earlier round's published profile proposing a change to the gap.
    w.round = RoundFactory(title="Albania update", slug="albania-update")
    w.round_country = RoundCountryFactory(round=w.round, country=w.country)

    def summary(text):
        return {"summary": {"value": text, "source_kind": "knowledge", "source_ref": ""}}

    w.draft_answer = AnswerFactory(
        round_country=w.round_country, organization=w.org_a, revision=1,
        values=summary(Canary.DRAFT_ANSWER),
    )  # fmt: skip
    w.submitted_answer = AnswerFactory(
        round_country=w.round_country, organization=w.org_b, revision=1,
        status=AnswerStatus.SUBMITTED, values=summary(Canary.SUBMITTED_ANSWER),
    )  # fmt: skip
    w.profile = ProfileVersionFactory(
        country=w.country, number=1, values=summary("Published summary")
    )
    w.proposal = GapChangeProposal.objects.create(
        gap=w.gap, version=w.profile, to_status=GapStatus.PARTLY_FILLED, reason="Now by age."
    )
    w.decision = DecisionFactory(responsible=[w.org_a], text="Share the routes study")
    w.restricted_decision = DecisionFactory(
        responsible=[w.org_a], event=w.private_event, text=f"Brief {Canary.RESTRICTED_DECISION}",
        due=timezone.localdate() + timedelta(days=5),
    )  # fmt: skip

    # A working group convened by Agency A, with a closed room; Agency B asks to join it.
    w.group = WorkingGroupFactory(name="Routes group", slug="routes-group", conveners=[w.org_a])
    w.group_room = RoomFactory(
        title=Canary.GROUP_ROOM, slug="group-room", working_group=w.group,
        visibility=RoomVisibility.RESTRICTED,
    )  # fmt: skip
    w.group_request = GroupMembershipFactory(
        group=w.group, organization=w.org_b, status=MembershipStatus.PENDING, joined_at=None,
        requested_by=users[FOCAL_B], note=Canary.GROUP_REQUEST,
    )  # fmt: skip
    w.proposed_group = WorkingGroupFactory(
        name=Canary.PROPOSED_GROUP, slug="proposed-group", status=GroupStatus.PROPOSED,
        conveners=[w.org_a], proposed_by=users[MEMBER_A],
    )  # fmt: skip

    # Agency B's dataset in the catalogue, and Agency A's request for it.
    w.dataset = DatasetFactory(owner=w.org_b, slug="routes-register", countries=[w.country])
    w.data_request = AccessRequestFactory(
        dataset=w.dataset, organization=w.org_a, requested_by=users[MEMBER_A],
        purpose=f"Compare routes. {Canary.DATA_REQUEST}",
    )  # fmt: skip
    w.data_request.events.create(action="submitted", by=users[MEMBER_A], organization=w.org_a)
    # Agency A's gap cites Agency B's dataset as evidence.
    w.citation = GapCitation.objects.create(gap=w.gap, dataset=w.dataset, cited_by=users[MEMBER_A])
    return w
