"""Every view that accepts a POST, with the person who may use it, a valid body and the tables
a valid body may write. tests/fuzz/test_coverage.py fails when a POST view is missing here."""

from dataclasses import dataclass, field
from datetime import timedelta
from types import FunctionType

from django.urls import reverse
from django.utils import timezone
from hypothesis import strategies as st

from network.platform.email import unsubscribe_token
from tests.fuzz.world import INVITATION_TOKEN

WORD = st.text("abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=12)
SENTENCE = st.lists(WORD, min_size=1, max_size=6).map(" ".join)
EMPTY_OR_SENTENCE = st.one_of(st.just(""), SENTENCE)
COUNTRIES = st.lists(st.sampled_from(["AL", "MD", "RO", "UA", "IT"]), max_size=3, unique=True)
NOTHING = lambda w: st.just({})  # noqa: E731
NOTHING_OR_WITHDRAW = lambda w: st.just({})  # noqa: E731


@dataclass(frozen=True)
class Endpoint:
    name: str  # the URL name (or events:<route> for an event page's route)
    role: str  # who posts: an attribute of the world
    url: object  # world -> path
    valid: object  # world -> strategy of valid bodies
    writes: frozenset  # tables a successful post may write
    must_write: str = ""  # the table a valid body always writes
    # A successful post that changes nothing is fine (marking read what is read, following
    # what one follows); otherwise nothing written means the person was told why.
    may_be_noop: bool = False
    multipart: bool = False
    extra: dict = field(default_factory=dict)

    def __str__(self):
        return self.name


def _r(name, *args):
    return lambda w: reverse(name, args=[a(w) if callable(a) else a for a in args])


def _event(route):
    return lambda w: w.event.url + route


def _dict(**fields):
    return lambda w: st.fixed_dictionaries(
        {k: (v(w) if isinstance(v, FunctionType) else v) for k, v in fields.items()}
    )


# A content language: the writer's (left out), or one chosen from the list.
LANGUAGE = st.sampled_from(["", "en", "fr", "ru", "sh"])
# A translation's language: never the originals' (English) nor the world's Spanish ones.
TRANSLATION_LANGUAGE = st.sampled_from(["fr", "ru", "de", "sh"])

SLUG_A = lambda w: w.org_a.slug  # noqa: E731
PROJECT = lambda w: w.project.slug  # noqa: E731
ROOM = lambda w: w.room.slug  # noqa: E731
TOPIC = lambda w: w.topic.pk  # noqa: E731
MESSAGE = lambda w: w.message.pk  # noqa: E731


def organization_body(name):
    return _dict(
        name=name,
        acronym=st.one_of(st.just(""), WORD.map(str.upper)),
        kind=st.sampled_from(["un_agency", "ngo", "government", "research"]),
        headquarters_country=st.sampled_from(["", "IT", "AL"]),
        countries=COUNTRIES,
        mandate=SENTENCE,
        website=st.sampled_from(["", "https://example.org", "example.org/about"]),
    )


MEMBERS = [
    Endpoint(
        "members:edit",
        "focal_a",
        _r("members:edit", SLUG_A),
        organization_body(st.just("Agency A")),
        frozenset({"members_organization"}),
        must_write="members_organization",
    ),
    Endpoint(
        "members:apply",
        "outsider",
        _r("members:apply"),
        organization_body(SENTENCE.map(lambda s: "Applicant " + s)),
        frozenset({"members_organization", "members_membership"}),
        must_write="members_organization",
    ),
    Endpoint(
        "members:invite",
        "focal_a",
        _r("members:invite", SLUG_A),
        _dict(email=WORD.map(lambda w: f"{w}@example.net")),
        frozenset({"members_invitation"}),
        must_write="members_invitation",
    ),
    Endpoint(
        "members:invitation_revoke",
        "focal_a",
        _r("members:invitation_revoke", SLUG_A, lambda w: w.invitation.pk),
        NOTHING,
        frozenset({"members_invitation"}),
        must_write="members_invitation",
    ),
    Endpoint(
        "members:requests",
        "focal_a",
        _r("members:requests", SLUG_A),
        _dict(
            request=lambda w: st.just(str(w.join_org_request.pk)),
            decision=st.sampled_from(["approve", "decline"]),
        ),
        frozenset({"members_membershiprequest", "members_membership"}),
        must_write="members_membershiprequest",
    ),
    Endpoint(
        "members:alternate",
        "focal_a",
        _r("members:alternate", SLUG_A),
        _dict(user=lambda w: st.just(str(w.colleague_a.pk))),
        frozenset({"members_membership"}),
        must_write="members_membership",
    ),
    Endpoint(
        "members:join",
        "member_b",
        _r("members:join", SLUG_A),
        _dict(message=EMPTY_OR_SENTENCE),
        frozenset({"members_membershiprequest"}),
        must_write="members_membershiprequest",
    ),
    Endpoint(
        "members:invitation",
        "outsider",
        _r("members:invitation", INVITATION_TOKEN),
        NOTHING,
        frozenset({"members_invitation", "members_membership", "members_membershiprequest"}),
        must_write="members_membership",
    ),
    Endpoint(
        "members:profile",
        "member_a",
        _r("members:profile"),
        _dict(
            display_name=SENTENCE,
            bio=EMPTY_OR_SENTENCE,
            countries=COUNTRIES,
            languages=st.lists(st.sampled_from(["en", "fr", "ru"]), max_size=2, unique=True),
            visibility=st.sampled_from(["public", "members", "hidden"]),
            expertise=st.lists(WORD, max_size=3).map(", ".join),
        ),
        frozenset({"members_user", "members_expertise", "members_user_expertise"}),
        must_write="members_user",
    ),
    Endpoint(
        "members:token_create",
        "member_a",
        _r("members:token_create"),
        _dict(name=SENTENCE.map(lambda s: s[:80])),
        frozenset({"members_apitoken"}),
        must_write="members_apitoken",
    ),
    Endpoint(
        "members:token_revoke",
        "member_a",
        _r("members:token_revoke", lambda w: w.api_token.pk),
        NOTHING,
        frozenset({"members_apitoken"}),
        must_write="members_apitoken",
    ),
]

PRIORITY = lambda w: w.priority.pk  # noqa: E731
VOTING = lambda w: w.voting_priority.pk  # noqa: E731
ORG_A_PK = lambda w: st.just(str(w.org_a.pk))  # noqa: E731
ROOM_WRITES = frozenset({"discussions_room", "discussions_roommember", "discussions_roommoderator"})

AGENDA = [
    Endpoint(
        "agenda:propose",
        "member_a",
        _r("agenda:propose"),
        _dict(
            organization=ORG_A_PK,
            title=SENTENCE,
            rationale=SENTENCE,
            theme=st.sampled_from(["patterns", "ethics"]),
            gaps=lambda w: st.lists(st.just(str(w.gap.pk)), max_size=1),
            language=LANGUAGE,
        ),
        frozenset(
            {
                "agenda_researchpriority",
                "agenda_researchpriority_gaps",
                "agenda_prioritystatuschange",
            }
        ),
        must_write="agenda_researchpriority",
    ),
    Endpoint(
        "agenda:translate",
        "member_a",
        _r("agenda:translate", PRIORITY),
        _dict(language=TRANSLATION_LANGUAGE, title=SENTENCE, rationale=SENTENCE),
        frozenset({"agenda_prioritytranslation"}),
        must_write="agenda_prioritytranslation",
    ),
    Endpoint(
        "agenda:translation_edit",
        "member_a",
        _r("agenda:translation_edit", PRIORITY, "es"),
        _dict(title=SENTENCE, rationale=SENTENCE),
        frozenset({"agenda_prioritytranslation"}),
        must_write="agenda_prioritytranslation",
    ),
    Endpoint(
        "agenda:endorse",
        "focal_a",
        _r("agenda:endorse", PRIORITY),
        _dict(organization=ORG_A_PK),
        frozenset({"agenda_endorsement"}),
        must_write="agenda_endorsement",
    ),
    Endpoint(
        "agenda:withdraw",
        "focal_a",
        _r("agenda:withdraw", lambda w: w.endorsed_priority.pk),
        _dict(organization=ORG_A_PK),
        frozenset({"agenda_endorsement"}),
        must_write="agenda_endorsement",
    ),
    Endpoint(
        "agenda:support",
        "member_a",
        _r("agenda:support", PRIORITY),
        NOTHING_OR_WITHDRAW,
        frozenset({"agenda_supporter"}),
        must_write="agenda_supporter",
    ),
    Endpoint(
        "agenda:discussion",
        "member_a",
        _r("agenda:discussion", PRIORITY),
        NOTHING,
        ROOM_WRITES,
        must_write="discussions_room",
    ),
    Endpoint(
        "agenda:vote",
        "focal_a",
        _r("agenda:vote", VOTING),
        _dict(organization=ORG_A_PK, choice=st.sampled_from(["yes", "no", "abstain"])),
        frozenset({"agenda_vote"}),
        must_write="agenda_vote",
    ),
    Endpoint(
        "agenda:move",
        "staff",
        _r("agenda:move", PRIORITY),
        _dict(to_status=st.sampled_from(["proposed", "retired"]), reason=SENTENCE),
        frozenset({"agenda_researchpriority", "agenda_prioritystatuschange"}),
        must_write="agenda_researchpriority",
    ),
    Endpoint(
        "agenda:open_vote",
        "staff",
        _r("agenda:open_vote", PRIORITY),
        _dict(
            closes_at=st.integers(1, 60).map(
                lambda d: (timezone.now() + timedelta(days=d)).strftime("%Y-%m-%dT%H:%M")
            ),
            quorum=st.integers(1, 100).map(str),
            reason=EMPTY_OR_SENTENCE,
        ),
        frozenset({"agenda_researchpriority", "agenda_prioritystatuschange", "agenda_vote"}),
        must_write="agenda_researchpriority",
    ),
    Endpoint(
        "agenda:close_vote",
        "staff",
        _r("agenda:close_vote", VOTING),
        NOTHING,
        frozenset({"agenda_researchpriority", "agenda_prioritystatuschange"}),
        must_write="agenda_researchpriority",
    ),
]

GAP = lambda w: w.gap.pk  # noqa: E731
GAP_WRITES = frozenset(
    {
        "gaps_datagap",
        "gaps_datagap_countries",
        "gaps_datagap_sub_regions",
        "gaps_gapevidence",
        "gaps_gapstatuschange",
    }
)


def gap_body(with_org, **more):
    fields = dict(
        title=SENTENCE,
        description=SENTENCE,
        area=st.sampled_from(["flows", "root_causes"]),
        countries=st.lists(st.sampled_from(["AL", "MD"]), min_size=1, max_size=2, unique=True),
        sub_regions=st.lists(st.just("see"), max_size=1),
        exploitation_forms=st.lists(st.sampled_from(["sexual", "labour"]), max_size=2, unique=True),
        missing_disaggregations=st.lists(st.sampled_from(["age", "sex"]), max_size=2, unique=True),
        empty_reason=st.sampled_from(["not_collected", "not_shared"]),
        severity=st.sampled_from(["low", "medium", "high"]),
        horizon=st.sampled_from(["", "2099-01-31"]),
        language=LANGUAGE,
    )
    if with_org:
        fields.update(
            organization=ORG_A_PK,
            evidence_title=SENTENCE,
            evidence_url=st.sampled_from(["", "https://example.org/source"]),
            evidence_people_count=st.sampled_from(["", "3", "120"]),
        )
    return _dict(**fields, **more)


GAPS = [
    Endpoint(
        "gaps:report",
        "member_a",
        _r("gaps:report"),
        gap_body(with_org=True),
        GAP_WRITES,
        must_write="gaps_datagap",
    ),
    Endpoint(
        "gaps:edit",
        "member_a",
        _r("gaps:edit", GAP),
        gap_body(with_org=False, organization=ORG_A_PK),
        GAP_WRITES,
        must_write="gaps_datagap",
    ),
    Endpoint(
        "gaps:translate",
        "member_a",
        _r("gaps:translate", GAP),
        _dict(language=TRANSLATION_LANGUAGE, description=SENTENCE),
        frozenset({"gaps_gaptranslation"}),
        must_write="gaps_gaptranslation",
    ),
    Endpoint(
        "gaps:translation_edit",
        "member_a",
        _r("gaps:translation_edit", GAP, "es"),
        _dict(description=SENTENCE),
        frozenset({"gaps_gaptranslation"}),
        must_write="gaps_gaptranslation",
    ),
    Endpoint(
        "gaps:discussion",
        "member_a",
        _r("gaps:discussion", GAP),
        NOTHING,
        ROOM_WRITES,
        must_write="discussions_room",
    ),
    Endpoint(
        "gaps:move",
        "member_a",
        _r("gaps:move", GAP),
        _dict(to_status=st.sampled_from(["being_addressed", "filled"]), reason=EMPTY_OR_SENTENCE),
        frozenset({"gaps_datagap", "gaps_gapstatuschange"}),
        must_write="gaps_datagap",
    ),
    Endpoint(
        "gaps:add_evidence",
        "member_a",
        _r("gaps:add_evidence", GAP),
        _dict(
            evidence_title=SENTENCE,
            evidence_url=st.sampled_from(["", "https://example.org/source"]),
            evidence_description=EMPTY_OR_SENTENCE,
            evidence_people_count=st.sampled_from(["", "0", "12"]),
        ),
        frozenset({"gaps_gapevidence", "gaps_datagap"}),
        must_write="gaps_gapevidence",
    ),
]

PROJECT_WRITES = frozenset(
    {
        "projects_researchproject",
        "projects_researchproject_priorities",
        "projects_researchproject_gaps",
        "projects_projectmember",
        "projects_openrole",
        "projects_projectstatuschange",
    }
)


def project_body(w):
    return st.fixed_dictionaries(
        {
            "title": SENTENCE,
            "summary": SENTENCE,
            "research_questions": EMPTY_OR_SENTENCE,
            "methodology": EMPTY_OR_SENTENCE,
            "countries": COUNTRIES,
            "themes": st.lists(st.sampled_from(["patterns_flows", "root_causes"]), unique=True),
            "priorities": st.lists(st.just(str(w.priority.pk)), max_size=1),
            "gaps": st.lists(st.just(str(w.gap.pk)), max_size=1),
            "lead_organization": st.just(str(w.org_a.pk)),
            "lead_committed": EMPTY_OR_SENTENCE,
            "planned_start": st.sampled_from(["", "2027-01-01"]),
            "planned_end": st.sampled_from(["", "2027-12-31"]),
            "informed_consent": st.sampled_from(["", "on"]),
            "child_safeguarding": st.sampled_from(["", "on"]),
            "no_personal_data": st.sampled_from(["", "on"]),
            "ethics_review_body": EMPTY_OR_SENTENCE,
            "contact_details": EMPTY_OR_SENTENCE,
            "internal_notes": EMPTY_OR_SENTENCE,
            "role-title": EMPTY_OR_SENTENCE,
            "role-countries": COUNTRIES,
        }
    )


PROJECTS = [
    Endpoint(
        "projects:new",
        "member_a",
        _r("projects:new"),
        project_body,
        PROJECT_WRITES,
        must_write="projects_researchproject",
    ),
    Endpoint(
        "projects:edit",
        "lead",
        _r("projects:edit", PROJECT),
        project_body,
        PROJECT_WRITES,
        must_write="projects_researchproject",
    ),
    Endpoint(
        "projects:mine",
        "member_a",
        _r("projects:mine"),
        NOTHING,
        frozenset({"projects_projectnotification"}),
        may_be_noop=True,  # nothing unread to mark read
    ),
    Endpoint(
        "projects:partner_decide",
        "focal_b",
        _r("projects:partner_decide", lambda w: w.partnership.pk),
        _dict(decision=st.sampled_from(["accept", "decline"]), committed=EMPTY_OR_SENTENCE),
        frozenset({"projects_partnerorganization", "projects_projectnotification"}),
        must_write="projects_partnerorganization",
    ),
    Endpoint(
        "projects:status",
        "lead",
        _r("projects:status", PROJECT),
        _dict(to_status=st.just("discontinued"), reason=SENTENCE),
        frozenset(
            {
                "projects_researchproject",
                "projects_projectstatuschange",
                "projects_joinrequest",
                "gaps_datagap",
                "gaps_gapstatuschange",
            }
        ),
        must_write="projects_researchproject",
    ),
    Endpoint(
        "projects:join",
        "joiner",
        _r("projects:join", PROJECT),
        lambda w: st.fixed_dictionaries(
            {"role": st.sampled_from(["", str(w.open_role.pk)]), "message": EMPTY_OR_SENTENCE}
        ),
        frozenset({"projects_joinrequest", "projects_projectnotification"}),
        must_write="projects_joinrequest",
    ),
    Endpoint(
        "projects:decide",
        "lead",
        _r("projects:decide", PROJECT, lambda w: w.project_request.pk),
        _dict(decision=st.sampled_from(["accept", "decline"]), note=EMPTY_OR_SENTENCE),
        frozenset(
            {
                "projects_joinrequest",
                "projects_projectmember",
                "projects_openrole",
                "projects_projectnotification",
            }
        ),
        must_write="projects_joinrequest",
    ),
    Endpoint(
        "projects:withdraw",
        "member_b",
        _r("projects:withdraw", PROJECT, lambda w: w.project_request.pk),
        _dict(next=st.sampled_from(["", "mine"])),
        frozenset({"projects_joinrequest"}),
        must_write="projects_joinrequest",
    ),
    Endpoint(
        "projects:team_member",
        "lead",
        _r("projects:team_member", PROJECT, lambda w: w.team_entry.pk),
        _dict(committed=SENTENCE, role=st.sampled_from(["", "member", "lead"])),
        frozenset({"projects_projectmember"}),
        must_write="projects_projectmember",
    ),
    Endpoint(
        "projects:team_member_remove",
        "lead",
        _r("projects:team_member_remove", PROJECT, lambda w: w.team_entry.pk),
        NOTHING,  # the confirmation form has no fields: every body removes
        # The project's room (none in this world) loses the person too.
        frozenset(
            {"projects_projectmember", "discussions_roommember", "discussions_roommoderator"}
        ),
        must_write="projects_projectmember",
    ),
    Endpoint(
        "projects:partner_invite",
        "lead",
        _r("projects:partner_invite", PROJECT),
        lambda w: st.fixed_dictionaries(
            {"organization": st.just(str(w.org_c.pk)), "committed": EMPTY_OR_SENTENCE}
        ),
        frozenset({"projects_partnerorganization"}),
        must_write="projects_partnerorganization",
    ),
    Endpoint(
        "projects:role_new",
        "lead",
        _r("projects:role_new", PROJECT),
        _dict(
            title=SENTENCE,
            skills=EMPTY_OR_SENTENCE,
            countries=COUNTRIES,
            duration=st.sampled_from(["", "6 months"]),
        ),
        frozenset({"projects_openrole"}),
        must_write="projects_openrole",
    ),
    Endpoint(
        "projects:role_fill",
        "lead",
        _r("projects:role_fill", PROJECT, lambda w: w.open_role.pk),
        _dict(filled=st.sampled_from(["1", "0", ""])),
        frozenset({"projects_openrole"}),
        may_be_noop=True,  # reopening an open role
    ),
    Endpoint(
        "projects:output_new",
        "member_a",
        _r("projects:output_new", PROJECT),
        lambda w: st.fixed_dictionaries(
            {
                "kind": st.sampled_from(["working_paper", "dataset"]),
                "title": SENTENCE,
                "version": st.sampled_from(["", "1.0"]),
                "link": st.sampled_from(["", "https://example.org/out"]),
                "description": EMPTY_OR_SENTENCE,
                "closes_gaps": st.lists(st.just(str(w.gap.pk)), max_size=1),
                "fills": st.sampled_from(["partly", "fully"]),
            }
        ),
        frozenset(
            {
                "projects_projectoutput",
                "projects_outputclosesgap",
                "gaps_datagap",
                "gaps_gapevidence",
                "gaps_gapstatuschange",
            }
        ),
        must_write="projects_projectoutput",
    ),
    Endpoint(
        "projects:discussion",
        "member_a",
        _r("projects:discussion", PROJECT),
        NOTHING,
        ROOM_WRITES,
        must_write="discussions_room",
    ),
]

PUBLICATION = lambda w: w.publication.slug  # noqa: E731


def publication_body(w):
    return st.fixed_dictionaries(
        {
            "title": SENTENCE,
            "type": st.sampled_from(["report", "handbook"]),
            "publishers": st.just([str(w.org_a.pk)]),
            "other_publishers": EMPTY_OR_SENTENCE,
            "year": st.integers(1990, 2025).map(str),
            "month": st.sampled_from(["", "1", "12"]),
            "regions": st.lists(st.sampled_from(["eu_western_europe"]), max_size=1),
            "countries": COUNTRIES,
            "languages": st.lists(st.sampled_from(["en", "fr"]), max_size=2, unique=True),
            "summary": SENTENCE,
            "link": st.sampled_from(["", "https://example.org/pub"]),
            "gaps": st.lists(st.just(str(w.gap.pk)), max_size=1),
            "priorities": st.lists(st.just(str(w.priority.pk)), max_size=1),
        }
    )


PUBLICATION_WRITES = frozenset(
    {
        "library_publication",
        "library_publication_publishers",
        "library_publication_gaps",
        "library_publication_priorities",
    }
)

LIBRARY = [
    Endpoint(
        "library:add",
        "member_a",
        _r("library:add"),
        publication_body,
        PUBLICATION_WRITES,
        must_write="library_publication",
    ),
    Endpoint(
        "library:edit",
        "member_a",
        _r("library:edit", PUBLICATION),
        publication_body,
        PUBLICATION_WRITES,
        must_write="library_publication",
    ),
    Endpoint(
        "library:delete",
        "member_a",
        _r("library:delete", PUBLICATION),
        NOTHING,
        PUBLICATION_WRITES,
        must_write="library_publication",
    ),
]

MESSAGE_WRITES = frozenset(
    {
        "discussions_message",
        "discussions_topic",
        "discussions_topicfollow",
        "discussions_mention",
        "discussions_notification",
        "discussions_readmarker",
        "discussions_room",
    }
)
# Showing a room (also after a refused post) marks it read.
READ = frozenset({"discussions_readmarker"})

DISCUSSIONS = [
    Endpoint(
        "discussions:room_create",
        "staff",
        _r("discussions:room_create"),
        _dict(
            title=SENTENCE,
            description=EMPTY_OR_SENTENCE,
            visibility=st.sampled_from(["network", "restricted"]),
        ),
        ROOM_WRITES,
        must_write="discussions_room",
    ),
    Endpoint(
        "discussions:notifications",
        "member_a",
        _r("discussions:notifications"),
        NOTHING,
        frozenset({"discussions_notification"}),
        may_be_noop=True,
    ),
    Endpoint(
        "discussions:room",
        "member_a",
        _r("discussions:room", ROOM),
        lambda w: st.fixed_dictionaries(
            {
                "topic": st.sampled_from(["", str(w.topic.pk)]),
                "new_topic": SENTENCE,
                "body": SENTENCE,
                "client_id": st.uuids().map(str),
            }
        ),
        MESSAGE_WRITES,
        must_write="discussions_message",
        extra={"noise": READ},
    ),
    Endpoint(
        "discussions:topic",
        "member_a",
        _r("discussions:topic", ROOM, TOPIC),
        _dict(body=SENTENCE, client_id=st.uuids().map(str)),
        MESSAGE_WRITES,
        must_write="discussions_message",
        extra={"noise": READ},
    ),
    Endpoint(
        "discussions:topic_follow",
        "member_a",
        _r("discussions:topic_follow", ROOM, TOPIC),
        _dict(follow=st.sampled_from(["1", "0"])),
        frozenset({"discussions_topicfollow"}),
        may_be_noop=True,
    ),
    Endpoint(
        "discussions:topic_resolve",
        "member_a",
        _r("discussions:topic_resolve", ROOM, TOPIC),
        _dict(decision_note=EMPTY_OR_SENTENCE),
        frozenset({"discussions_topic", "discussions_message", "discussions_notification"}),
        must_write="discussions_topic",
    ),
    Endpoint(
        "discussions:topic_lock",
        "focal_a",
        _r("discussions:topic_lock", ROOM, TOPIC),
        NOTHING,
        frozenset({"discussions_topic"}),
        must_write="discussions_topic",
    ),
    Endpoint(
        "discussions:topic_move",
        "focal_a",
        _r("discussions:topic_move", ROOM, TOPIC),
        lambda w: st.fixed_dictionaries(
            {"to_room": st.just(str(w.other_room.pk)), "confirm_wider": st.sampled_from(["", "on"])}
        ),
        frozenset(
            {
                "discussions_topic",
                "discussions_topicfollow",
                "discussions_notification",
                "discussions_readmarker",
                "discussions_message",
            }
        ),
        must_write="discussions_topic",
    ),
    Endpoint(
        "discussions:message_edit",
        "member_a",
        _r("discussions:message_edit", ROOM, MESSAGE),
        _dict(body=SENTENCE),
        frozenset({"discussions_message", "discussions_messagerevision", "discussions_mention"}),
        must_write="discussions_message",
    ),
    Endpoint(
        "discussions:message_delete",
        "member_a",
        _r("discussions:message_delete", ROOM, MESSAGE),
        NOTHING,
        frozenset({"discussions_message", "discussions_messagerevision"}),
        must_write="discussions_message",
    ),
    Endpoint(
        "discussions:message_hide",
        "focal_a",
        _r("discussions:message_hide", ROOM, MESSAGE),
        _dict(reason=EMPTY_OR_SENTENCE),
        # Hiding resolves the message's open reports too.
        frozenset(
            {"discussions_message", "discussions_messagerevision", "discussions_messagereport"}
        ),
        must_write="discussions_message",
    ),
    Endpoint(
        "discussions:message_report",
        "focal_b",
        _r("discussions:message_report", ROOM, MESSAGE),
        _dict(
            reason=st.sampled_from(["personal_data", "abusive", "spam", "off_topic", "other"]),
            comment=SENTENCE,
        ),
        frozenset({"discussions_messagereport"}),
        must_write="discussions_messagereport",
    ),
    Endpoint(
        "discussions:report",
        "focal_a",
        _r("discussions:report", lambda w: w.report.pk),
        _dict(decision=st.sampled_from(["hide", "dismiss"]), note=EMPTY_OR_SENTENCE),
        frozenset({"discussions_message", "discussions_messagereport"}),
        must_write="discussions_messagereport",
    ),
    Endpoint(
        "discussions:mute",
        "focal_a",
        _r("discussions:mute", ROOM, lambda w: w.member_b.pk),
        _dict(duration=st.sampled_from(["1h", "1d", "7d", "30d"]), reason=EMPTY_OR_SENTENCE),
        frozenset({"discussions_mute"}),
        must_write="discussions_mute",
    ),
]

REGISTRATION = frozenset({"events_registration"})

EVENTS = [
    Endpoint(
        "events:register",
        "member_a",
        _event("register/"),
        lambda w: st.fixed_dictionaries({"organization": st.just(str(w.org_a.pk))}),
        REGISTRATION,
        must_write="events_registration",
    ),
    Endpoint(
        "events:cancel",
        "participant",
        _event("cancel/"),
        NOTHING,
        REGISTRATION,
        must_write="events_registration",
    ),
    Endpoint(
        "events:discussion",
        "participant",
        _event("discussion/"),
        NOTHING,
        ROOM_WRITES,
        must_write="discussions_room",
    ),
    Endpoint(
        "events:session_discussion",
        "participant",
        lambda w: w.event.url + f"sessions/{w.session.pk}/discussion/",
        NOTHING,
        ROOM_WRITES,
        must_write="discussions_room",
    ),
    Endpoint(
        "events:manage",
        "organizer",
        _event("manage/"),
        lambda w: st.fixed_dictionaries(
            {
                "registrations": st.just([str(w.pending_registration.pk)]),
                "decision": st.sampled_from(["accept", "decline"]),
            }
        ),
        REGISTRATION,
        must_write="events_registration",
    ),
    Endpoint(
        "events:organization_registrations",
        "focal_a",
        lambda w: w.quota_event.url + f"organizations/{w.org_a.slug}/registrations/",
        lambda w: st.fixed_dictionaries(
            {
                "registration": st.just(str(w.awaiting_registration.pk)),
                "decision": st.sampled_from(["approve", "decline"]),
                "confirm": st.just("on"),
            }
        ),
        REGISTRATION,
        must_write="events_registration",
    ),
    Endpoint(
        "events:manage_email",
        "organizer",
        _event("manage/email/"),
        _dict(subject=SENTENCE, body=SENTENCE),
        frozenset(),
        may_be_noop=True,  # sends email, writes nothing
    ),
    Endpoint(
        "events:manage_outputs",
        "organizer",
        _event("manage/outputs/"),
        _dict(
            kind=st.sampled_from(["working_paper", "report"]),
            title=SENTENCE,
            summary=EMPTY_OR_SENTENCE,
            language=st.sampled_from(["en", "fr"]),
            version=st.sampled_from(["", "1.0"]),
            link=st.sampled_from(["https://example.org/out.pdf"]),
        ),
        frozenset({"events_eventoutput"}),
        must_write="events_eventoutput",
    ),
    Endpoint(
        "events:manage_output_status",
        "organizer",
        lambda w: w.event.url + f"manage/outputs/{w.event_output.pk}/status/",
        _dict(to=st.just("final")),
        frozenset({"events_eventoutput"}),
        must_write="events_eventoutput",
    ),
    Endpoint(
        "events:minutes_new",
        "organizer",
        _event("manage/minutes/new/"),
        _dict(title=SENTENCE, body=SENTENCE),
        frozenset({"events_eventoutput", "events_minutesrevision"}),
        must_write="events_minutesrevision",
    ),
    Endpoint(
        "events:minutes_edit",
        "organizer",
        lambda w: w.event.url + f"manage/minutes/{w.minutes.pk}/edit/",
        _dict(body=SENTENCE, reason=SENTENCE),
        frozenset({"events_eventoutput", "events_minutesrevision", "events_minutessignoff"}),
        must_write="events_minutesrevision",
    ),
    Endpoint(
        "events:minutes_circulate",
        "organizer",
        lambda w: w.event.url + f"manage/minutes/{w.draft_minutes.pk}/circulate/",
        _dict(days=st.integers(min_value=1, max_value=90).map(str)),
        frozenset({"events_eventoutput", "events_minutessignoff"}),
        must_write="events_minutessignoff",
    ),
    Endpoint(
        "events:minutes_publish",
        "organizer",
        lambda w: w.event.url + f"manage/minutes/{w.event_output.pk}/publish/",
        _dict(confirm=st.just("on")),
        frozenset({"events_eventoutput"}),
        must_write="events_eventoutput",
    ),
    Endpoint(
        "events:minutes_sign_off",
        "participant",
        lambda w: w.event.url + f"minutes/{w.minutes.pk}/sign-off/",
        lambda w: st.fixed_dictionaries(
            {
                "organization": st.just(str(w.org_b.pk)),
                "answer": st.sampled_from(["approve", "change"]),
                "comment": SENTENCE,
            }
        ),
        frozenset({"events_eventoutput", "events_minutessignoff"}),
        must_write="events_minutessignoff",
    ),
]

ROUND = lambda w: w.round.slug  # noqa: E731
IN_A_MONTH = lambda w: (timezone.localdate() + timedelta(days=30)).isoformat()  # noqa: E731
GAP_DECISION_WRITES = frozenset(
    {"countries_gapchangeproposal", "gaps_datagap", "gaps_gapstatuschange", "gaps_gapevidence"}
)

COUNTRY_ROUNDS = [
    Endpoint(
        "rounds:open",
        "staff",
        _r("rounds:open"),
        lambda w: st.fixed_dictionaries(
            {
                "title": SENTENCE,
                "questionnaire": st.just(str(w.round.questionnaire_id)),
                "deadline": st.just(IN_A_MONTH(w)),
                "countries": st.just([str(w.country.pk)]),
                "respondents_AL": st.just([str(w.org_a.pk)]),
                "confirm": st.just("1"),
            }
        ),
        frozenset({"countries_round", "countries_roundcountry", "countries_answer"}),
        must_write="countries_round",
        # A valid first step (no "confirm") shows the second step and writes nothing yet.
        may_be_noop=True,
    ),
    Endpoint(
        "rounds:remind",
        "staff",
        _r("rounds:remind", ROUND),
        NOTHING,
        frozenset(),
        may_be_noop=True,
    ),
    Endpoint(
        "rounds:answer",
        "focal_a",
        _r("rounds:answer", ROUND, "AL"),
        _dict(
            revision=st.just("0"),
            q_summary=SENTENCE,
            q_summary_source_kind=st.just("knowledge"),
            q_palermo_year=st.sampled_from(["", "2003"]),
            q_palermo_year_source_kind=st.just("publication"),
            q_palermo_year_source_ref=SENTENCE,
            save=st.just("1"),
        ),
        frozenset({"countries_answer"}),
        must_write="countries_answer",
    ),
    Endpoint(
        "rounds:publish",
        "staff",
        _r("rounds:publish", ROUND, "AL"),
        NOTHING,
        frozenset(
            {"countries_profileversion", "countries_roundcountry", "countries_gapchangeproposal"}
        ),
        must_write="countries_profileversion",
    ),
    Endpoint(
        "rounds:return",
        "staff",
        _r("rounds:return", ROUND, "AL", lambda w: w.submitted_answer.pk),
        _dict(comment=SENTENCE),
        frozenset({"countries_answer"}),
        must_write="countries_answer",
    ),
    Endpoint(
        "countries:decide_proposal",
        "staff",
        _r("countries:decide_proposal", lambda w: w.proposal.pk),
        _dict(decision=st.sampled_from(["accept", "decline"])),
        GAP_DECISION_WRITES,
        must_write="countries_gapchangeproposal",
    ),
]

DECISIONS = [
    Endpoint(
        "decisions:new",
        "staff",
        _r("decisions:new"),
        lambda w: st.fixed_dictionaries(
            {
                "kind": st.just("action_point"),
                "text": SENTENCE,
                "responsible": st.just([str(w.org_a.pk)]),
                "due": st.sampled_from(["", IN_A_MONTH(w)]),
            }
        ),
        frozenset(
            {
                "decisions_decision",
                "decisions_decision_responsible",
                "decisions_decisionstatuschange",
            }
        ),
        must_write="decisions_decision",
    ),
    Endpoint(
        "decisions:transition",
        "focal_a",
        _r("decisions:transition", lambda w: w.decision.pk),
        _dict(to_status=st.sampled_from(["in_progress", "done", "dropped"]), note=SENTENCE),
        frozenset({"decisions_decision", "decisions_decisionstatuschange"}),
        must_write="decisions_decisionstatuschange",
    ),
]

GROUP_WRITES = frozenset({"groups_groupmembership"})
GROUPS = [
    Endpoint(
        "groups:propose",
        "member_a",
        _r("groups:propose"),
        lambda w: st.fixed_dictionaries(
            {"name": SENTENCE, "mandate": SENTENCE, "organization": st.just(str(w.org_a.pk))}
        ),
        frozenset(
            {"groups_workinggroup", "groups_workinggroup_conveners", "groups_groupmembership"}
        ),
        must_write="groups_workinggroup",
    ),
    Endpoint(
        "groups:join",
        "focal_b",
        _r("groups:join", "open-group"),
        lambda w: st.fixed_dictionaries(
            {"organization": st.just(str(w.org_b.pk)), "note": SENTENCE}
        ),
        GROUP_WRITES,
        must_write="groups_groupmembership",
    ),
    Endpoint(
        "groups:leave",
        "focal_b",
        _r("groups:leave", "fuzz-group"),
        lambda w: st.fixed_dictionaries({"organization": st.just(str(w.org_b.pk))}),
        GROUP_WRITES,
        must_write="groups_groupmembership",
    ),
    Endpoint(
        "groups:decide",
        "focal_a",
        _r("groups:decide", lambda w: w.group_request.pk),
        _dict(decision=st.sampled_from(["accept", "decline"])),
        GROUP_WRITES,
        must_write="groups_groupmembership",
    ),
    Endpoint(
        "groups:status",
        "staff",
        _r("groups:status", "proposal"),
        _dict(action=st.sampled_from(["approve", "close"])),
        frozenset({"groups_workinggroup"}),
        must_write="groups_workinggroup",
    ),
]

NOTICES = [
    Endpoint(
        "notices:new",
        "staff",
        _r("notices:new"),
        lambda w: st.fixed_dictionaries(
            {
                "title": SENTENCE,
                "body": SENTENCE,
                "organizations": st.just([str(w.org_a.pk)]),
                "acknowledge_by": st.just(IN_A_MONTH(w) + " 12:00"),
            }
        ),
        frozenset({"desk_notice", "desk_notice_recipients"}),
        must_write="desk_notice",
    ),
    Endpoint(
        "notices:detail",
        "focal_a",
        _r("notices:detail", lambda w: w.notice.pk),
        lambda w: st.fixed_dictionaries(
            {"organization": st.just(str(w.org_a.pk)), "comment": EMPTY_OR_SENTENCE}
        ),
        frozenset({"desk_noticeacknowledgement"}),
        must_write="desk_noticeacknowledgement",
    ),
    Endpoint(
        "notices:remind",
        "staff",
        _r("notices:remind", lambda w: w.notice.pk),
        NOTHING,
        frozenset(),
        may_be_noop=True,
    ),
]

DATASET_WRITES = frozenset(
    {
        "catalogue_dataset",
        "catalogue_dataset_co_owners",
        "catalogue_dataset_countries",
        "catalogue_dataset_sub_regions",
        "catalogue_dataset_publications",
        "catalogue_dataset_projects",
    }
)
DATASET_BODY = {
    "title": SENTENCE,
    "description": SENTENCE,
    "unit_of_record": st.just("assisted cases"),
    "access": st.sampled_from(["members", "agreement"]),
    "contact_role": st.just("focal_point"),
    "disaggregations": st.just(["age"]),
}
CATALOGUE = [
    Endpoint(
        "catalogue:create",
        "member_a",
        _r("catalogue:create"),
        lambda w: st.fixed_dictionaries({**DATASET_BODY, "owner": st.just(str(w.org_a.pk))}),
        DATASET_WRITES,
        must_write="catalogue_dataset",
    ),
    Endpoint(
        "catalogue:edit",
        "focal_b",
        _r("catalogue:edit", lambda w: w.dataset.slug),
        lambda w: st.fixed_dictionaries(DATASET_BODY),
        DATASET_WRITES,
        must_write="catalogue_dataset",
    ),
    Endpoint(
        "catalogue:request_access",
        "member_a",
        _r("catalogue:request_access", lambda w: w.dataset.slug),
        lambda w: st.fixed_dictionaries(
            {
                "organization": st.just(str(w.org_a.pk)),
                "purpose": SENTENCE,
                "variables_needed": SENTENCE,
                "coverage_needed": SENTENCE,
                "storage": SENTENCE,
                "retention": SENTENCE,
                "k_confirmed": st.just("on"),
            }
        ),
        frozenset({"catalogue_accessrequest", "catalogue_accessevent"}),
        must_write="catalogue_accessrequest",
    ),
    Endpoint(
        "catalogue:advance",
        "focal_b",
        _r("catalogue:advance", lambda w: w.data_request.pk),
        _dict(action=st.sampled_from(["more_info", "declined"]), note=SENTENCE),
        frozenset({"catalogue_accessrequest", "catalogue_accessevent"}),
        must_write="catalogue_accessevent",
    ),
    Endpoint(
        "catalogue:cite",
        "member_a",
        _r("catalogue:cite"),
        _dict(
            gap=lambda w: st.just(str(w.gap.pk)),
            dataset=lambda w: st.just(w.spare_dataset.slug),
            note=SENTENCE,
        ),
        frozenset({"catalogue_gapcitation"}),
        must_write="catalogue_gapcitation",
    ),
    Endpoint(
        "catalogue:uncite",
        "member_a",
        _r("catalogue:uncite", lambda w: w.citation.pk),
        NOTHING,
        frozenset({"catalogue_gapcitation"}),
        must_write="catalogue_gapcitation",
    ),
]

EMAIL = [
    Endpoint(
        "email:preferences",
        "member_a",
        _r("email:preferences"),
        _dict(frequency=st.sampled_from(["immediate", "daily", "weekly", "essential"])),
        frozenset({"platform_emailpreference"}),
        may_be_noop=True,  # choosing what one has already chosen
    ),
    Endpoint(
        "email:unsubscribe",
        "member_a",  # signed in or not alike: the token decides
        lambda w: reverse("email:unsubscribe", args=[unsubscribe_token(w.member_a.email)]),
        NOTHING,
        frozenset({"platform_emailpreference"}),
        may_be_noop=True,  # unsubscribing twice
    ),
]

LANGUAGES = [
    Endpoint(
        "language_switch",
        "member_a",  # a visitor's switch writes nothing; a person's writes their profile
        _r("language_switch"),
        _dict(
            language=st.sampled_from(["en", "fr", "ru"]), next=st.sampled_from(["/", "/agenda/"])
        ),
        frozenset({"members_user"}),
        may_be_noop=True,  # choosing the language one has
    ),
]

ENDPOINTS = [
    *MEMBERS, *AGENDA, *GAPS, *PROJECTS, *LIBRARY, *DISCUSSIONS, *EVENTS, *COUNTRY_ROUNDS,
    *DECISIONS, *GROUPS, *NOTICES, *CATALOGUE, *EMAIL, *LANGUAGES,
]  # fmt: skip
