"""Canaries (world.Canary) never reach a role they are hidden from: search for each of them,
the sitemap, the emails that the platform's actions send. (Every page, feed, calendar file
and API answer of the matrix is scanned by the matrix suites themselves.)"""

import pytest
from django.core import mail
from django.test import Client

from network.discussions.models import Notification, RoomMember
from network.discussions.tasks import send_mention_digest
from tests.security.matrix import body_of, leaks, send
from tests.security.world import (
    ANON,
    FOCAL_A,
    FOCAL_B,
    LEAD,
    MEMBER_A,
    MODERATOR,
    ORGANIZER,
    PARTICIPANT,
    ROLES,
    STAFF,
    TEAM,
    Canary,
)

pytestmark = pytest.mark.django_db


ECHO = "CanaryNothingMatches"


def _search_hits(world, role, terms):
    """How often each term appears in its search page beyond the page's echo of the query
    (counted once, with a term that matches nothing)."""
    echo = body_of(send(world, role, "GET", f"/search/?q={ECHO}")).count(ECHO)
    hits = {}
    for term in terms:
        hits[term] = body_of(send(world, role, "GET", f"/search/?q={term}")).count(term) - echo
    return hits


@pytest.mark.parametrize("role", ROLES)
def test_search_never_finds_a_canary_for_a_role_it_is_hidden_from(world, role):
    hits = _search_hits(world, role, Canary.hidden_from(role))
    assert {term: n for term, n in hits.items() if n} == {}


def test_search_finds_canaries_for_those_who_may_see_them(world):
    assert _search_hits(world, TEAM, [Canary.DRAFT_PROJECT])[Canary.DRAFT_PROJECT] > 0
    assert _search_hits(world, FOCAL_B, [Canary.MEMBERS_ONLY_NAME])[Canary.MEMBERS_ONLY_NAME] > 0
    decision = Canary.RESTRICTED_DECISION
    assert _search_hits(world, MEMBER_A, [decision])[decision] > 0


def test_canaries_are_where_the_roles_that_may_see_them_look(world):
    """The scans can fail: each canary shows where it belongs."""
    seen = {
        (MEMBER_A, "/rounds/albania-update/AL/"): [Canary.DRAFT_ANSWER],
        (MEMBER_A, f"/data/requests/{world.data_request.pk}/"): [Canary.DATA_REQUEST],
        (FOCAL_B, f"/data/requests/{world.data_request.pk}/"): [Canary.DATA_REQUEST],
        (STAFF, f"/data/requests/{world.data_request.pk}/"): [Canary.DATA_REQUEST],
        (FOCAL_B, "/rounds/albania-update/AL/"): [Canary.SUBMITTED_ANSWER],
        (STAFF, "/rounds/albania-update/AL/"): [Canary.SUBMITTED_ANSWER],
        (STAFF, "/rounds/albania-update/answers.csv"): [
            Canary.DRAFT_ANSWER,
            Canary.SUBMITTED_ANSWER,
        ],
        (LEAD, "/projects/balkan-routes/"): [
            Canary.TEAM_CONTACT,
            Canary.TEAM_NOTES,
            Canary.TEAM_ETHICS,
            Canary.JOIN_REQUEST,
        ],
        (TEAM, "/projects/draft-study/"): [Canary.DRAFT_PROJECT, Canary.DRAFT_SUMMARY],
        (MODERATOR, f"/discussions/secret-room/t/{world.secret_topic.pk}/"): [
            Canary.ROOM_TITLE,
            Canary.ROOM_TOPIC,
            Canary.ROOM_MESSAGE,
        ],
        (MODERATOR, f"/discussions/reports/{world.secret_report.pk}/"): [
            Canary.REPORT_COMMENT,
            Canary.ROOM_MESSAGE,
        ],
        (STAFF, f"/discussions/reports/{world.secret_report.pk}/"): [Canary.REPORT_COMMENT],
        (FOCAL_A, "/members/agency-a/requests/"): [Canary.MEMBERSHIP_REQUEST],
        (FOCAL_A, "/members/agency-a/invite/"): [Canary.INVITEE],
        (PARTICIPANT, "/events/data-workshop/"): [Canary.EVENT_LINK, Canary.EVENT_VENUE],
        (PARTICIPANT, "/events/data-workshop/calendar.ics"): [Canary.EVENT_LINK],
        (ORGANIZER, "/events/data-workshop/manage/"): [Canary.HIDDEN_PARTICIPANT],
        (ORGANIZER, f"/events/data-workshop/minutes/{world.draft_minutes.pk}/"): [
            Canary.DRAFT_MINUTES
        ],
        (STAFF, "/private-page/"): [Canary.PRIVATE_PAGE],
        (STAFF, "/events/private-event/"): [Canary.PRIVATE_EVENT],
        (FOCAL_B, "/login-page/"): [Canary.LOGIN_PAGE],
        (FOCAL_B, f"/members/people/{world.members_only.pk}/"): [Canary.MEMBERS_ONLY_NAME],
        (FOCAL_B, "/people/"): [Canary.MEMBERS_ONLY_NAME],
        (TEAM, "/people/"): [Canary.DRAFT_PROJECT],
        (MEMBER_A, "/members/profile/"): [Canary.TOKEN_NAME],
        (MEMBER_A, "/decisions/"): [Canary.RESTRICTED_DECISION],
        (FOCAL_A, f"/decisions/{world.restricted_decision.pk}/"): [Canary.RESTRICTED_DECISION],
        (STAFF, "/decisions/export.csv"): [Canary.RESTRICTED_DECISION],
        (FOCAL_A, "/desk/"): [Canary.RESTRICTED_DECISION],
    }
    missing = []
    for (role, url), canaries in seen.items():
        text = body_of(send(world, role, "GET", url))
        missing += [(role, url, c) for c in canaries if c not in text]
    assert missing == []


PEOPLE_URLS = [
    ("page", "/people/"),
    ("page", "/people/?organization=agency-a"),
    ("page", "/people/?organization=agency-b"),
    ("page", "/members/profile/"),  # the expertise the profile form suggests
    ("api", "/api/v1/people?limit=100"),
    ("api", "/api/v1/people?organization=agency-a&limit=100"),
    ("api", "/api/v1/people/export.csv"),
]
HIDDEN_PERSON = (Canary.HIDDEN_NAME, Canary.HIDDEN_BIO, Canary.HIDDEN_EXPERTISE)


@pytest.mark.parametrize("role", ROLES)
def test_people_directory_never_shows_a_hidden_person_nor_members_only_to_outsiders(world, role):
    from tests.security.matrix import send_api
    from tests.security.world import NETWORK

    found = []
    for kind, url in PEOPLE_URLS:
        if kind == "page" and url.startswith("/members/") and role == ANON:
            continue
        sender = send if kind == "page" else send_api
        text = body_of(sender(world, role, "GET", url))
        found += [(url, c) for c in HIDDEN_PERSON if c.lower() in text.lower()]
        shown_members_only = Canary.MEMBERS_ONLY_NAME.lower() in text.lower()
        if role not in (*NETWORK, STAFF) and shown_members_only:
            found.append((url, Canary.MEMBERS_ONLY_NAME))
    assert found == []


def test_sitemap_lists_public_pages_only(world):
    text = body_of(send(world, ANON, "GET", "/sitemap.xml"))
    assert "/events/data-workshop/</loc>" in text
    for slug in ("draft-page", "private-page", "login-page", "draft-event", "private-event"):
        assert f"/{slug}/" not in text, slug


def _recipients_roles(world):
    return {user.email: role for role, user in world.users.items()}


def _email_leaks(world):
    """(recipient role, canaries) for every email carrying a canary its recipient may not see."""
    roles = _recipients_roles(world)
    found = []
    for message in mail.outbox:
        text = f"{message.subject}\n{message.body}\n" + "\n".join(
            str(content) for content, _ in getattr(message, "alternatives", [])
        )
        for address in [*message.to, *message.cc, *message.bcc]:
            role = roles.get(address)
            if role is not None and (hits := leaks(role, text)):
                found.append((role, message.subject, hits))
    return found


def _client(world, role):
    client = Client()
    client.force_login(world.users[role])
    return client


def test_emails_sent_by_the_platform_carry_no_canary_to_whom_it_is_hidden(
    world, django_capture_on_commit_callbacks
):
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        # Someone outside the restricted room is named in it: nobody outside is notified.
        _client(world, TEAM).post(
            f"/discussions/secret-room/t/{world.secret_topic.pk}/",
            {"body": f"@{world.users[MEMBER_A].display_name} {Canary.ROOM_MESSAGE} again"},
        )
        # A registration awaiting approval: no online link before confirmation.
        _client(world, MEMBER_A).post(
            "/events/data-workshop/register/", {"organization": world.org_a.pk}
        )
        # A join request and a membership request reach those who decide them.
        _client(world, FOCAL_A).post(
            "/projects/balkan-routes/join/", {"message": f"{Canary.JOIN_REQUEST} too"}
        )
        _client(world, FOCAL_B).post(
            "/members/agency-a/join/", {"message": f"{Canary.MEMBERSHIP_REQUEST} too"}
        )
        # The organizer writes to the participants.
        _client(world, ORGANIZER).post(
            "/events/data-workshop/manage/email/",
            {"subject": "Practical details", "body": "See the page for the link."},
        )
        # A data access request and the owner's question reach only the two organizations.
        _client(world, MEMBER_A).post(
            "/data/routes-register/request/",
            {
                "organization": world.org_a.pk,
                "purpose": f"Again: {Canary.DATA_REQUEST}",
                "variables_needed": "age",
                "coverage_needed": "Albania",
                "storage": "Encrypted",
                "retention": "One year",
                "k_confirmed": "on",
            },
        )
        _client(world, FOCAL_B).post(
            f"/data/requests/{world.data_request.pk}/step/",
            {"action": "more_info", "note": f"About {Canary.DATA_REQUEST}?"},
        )
        # A report of the restricted room's message reaches its moderator alone.
        _client(world, LEAD).post(
            f"/discussions/secret-room/m/{world.secret_message.pk}/report/",
            {"reason": "other", "comment": f"{Canary.REPORT_COMMENT} again"},
        )
        send_mention_digest.call()
    subjects = [m.subject for m in mail.outbox]
    assert "A message was reported in a room you moderate" in subjects, subjects
    assert len(mail.outbox) >= 3, subjects
    assert any(s.startswith("Access request for") for s in subjects), subjects
    assert any("Asked for more information" in s for s in subjects), subjects
    assert _email_leaks(world) == []


def test_mention_digest_skips_rooms_the_person_has_left(world, django_capture_on_commit_callbacks):
    """A mention waits for the digest; the person leaves the room before it is sent."""
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        response = _client(world, LEAD).post(
            f"/discussions/secret-room/t/{world.secret_topic.pk}/",
            {"body": f"@{world.users[TEAM].display_name} {Canary.ROOM_MESSAGE} for you"},
        )
        assert response.status_code == 302
    assert Notification.objects.filter(user=world.users[TEAM], kind="mention").exists()
    RoomMember.objects.filter(room=world.secret_room, user=world.users[TEAM]).delete()
    with django_capture_on_commit_callbacks(execute=True):
        send_mention_digest.call()
    team_mail = [m for m in mail.outbox if world.users[TEAM].email in m.to]
    secret = (Canary.ROOM_TITLE, Canary.ROOM_TOPIC, Canary.ROOM_MESSAGE)
    assert [m.body for m in team_mail if any(c in m.body for c in secret)] == []
    # Nor does their notifications page show it.
    page = body_of(send(world, TEAM, "GET", "/discussions/notifications/"))
    assert Canary.ROOM_MESSAGE not in page


CACHED_PAGES = [
    "/", "/members/", "/agenda/", "/gaps/", "/projects/", "/events/", "/library/", "/decisions/"
]  # fmt: skip
CACHED_API = [
    "/api/v1/projects", "/api/v1/people", "/api/v1/events", "/api/v1/gaps", "/api/v1/decisions"
]  # fmt: skip


def test_cached_pages_never_show_a_canary_to_a_role_it_is_hidden_from(world, settings):
    """With the page cache on, every role reads the cached pages, search and API lists, in
    one order and then the other: whoever fills the cache first, nobody reads a canary hidden
    from them (network/platform/pagecache.py)."""
    from django.core.cache import cache

    settings.PAGE_CACHE = True
    leaked = []
    for order in (ROLES, tuple(reversed(ROLES))):
        cache.clear()
        leaked += _cached_leaks(world, order)
    assert leaked == []


def _cached_leaks(world, roles):
    from tests.security.matrix import send_api

    leaked = []
    for role in roles:
        for url in CACHED_PAGES:
            leaked += [(role, url, c) for c in leaks(role, body_of(send(world, role, "GET", url)))]
        for url in CACHED_API:
            text = body_of(send_api(world, role, "GET", url))
            leaked += [(role, url, c) for c in leaks(role, text)]
        hits = _search_hits(world, role, Canary.hidden_from(role))
        leaked += [(role, "/search/", term) for term, n in hits.items() if n]
    return leaked


@pytest.mark.parametrize("role", ROLES)
def test_members_translations_never_name_a_hidden_translator(world, role):
    """The priority's French translation is by the hidden person: every French reader sees
    the translation, marked as a member's, and never learns who made it."""
    body = body_of(
        send(world, role, "GET", f"/agenda/{world.priority.pk}/", HTTP_ACCEPT_LANGUAGE="fr")
    )
    assert "Priorité traduite" in body
    assert "(membre du réseau) ; l'original fait foi." in body
    assert leaks(role, body) == []
    assert Canary.HIDDEN_NAME.lower() not in body.lower()


@pytest.mark.parametrize("role", ROLES)
def test_translations_of_a_public_item_follow_the_item(world, role):
    """Gaps and priorities are public (the register and the agenda hold no restricted item):
    their translations are read by whoever reads the item, in the translation's language."""
    body = body_of(send(world, role, "GET", f"/gaps/{world.gap.pk}/", HTTP_ACCEPT_LANGUAGE="ru"))
    assert "Перевод пробела" in body
    english = body_of(send(world, role, "GET", f"/gaps/{world.gap.pk}/"))
    assert "Перевод пробела" not in english
