"""The authorization matrix: for every URL pattern (and page route, API operation, socket
route) the answer each role must get, per method.

Answers: an HTTP status; LOGIN (a redirect to the sign-in page); OK (the request was heard:
200, a redirect that is not to sign-in, or 400 for the empty body we send — never 401, 403,
404, 405 or 5xx). POSTs are sent with an empty body and rolled back, so they change nothing.
A restricted object answers 404 to whoever may not see it, signed in or not.
"""

from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse

from network.platform.email import unsubscribe_token
from tests.security.world import (
    ANON,
    FOCAL_A,
    FOCAL_B,
    LEAD,
    MEMBER_A,
    MODERATOR,
    NETWORK,
    ORGANIZER,
    PARTICIPANT,
    ROLES,
    STAFF,
    TEAM,
)

LOGIN = "login"
OK = "ok"
ADMIN_LOGIN = "admin-login"


def each(default, **per_role):
    unknown = set(per_role) - set(ROLES)
    assert not unknown, f"unknown roles {unknown}"
    return {role: per_role.get(role, default) for role in ROLES}


def allow(roles, yes=200, no=403, anon=LOGIN):
    """`roles` get `yes`; the other signed-in roles `no`; anonymous `anon`."""
    return {role: anon if role == ANON else (yes if role in roles else no) for role in ROLES}


def everyone(code=200):
    return each(code)


def signed_in(yes=200, anon=LOGIN):
    return each(yes, **{ANON: anon})


@dataclass
class Row:
    route: str
    url: Any  # world -> path
    methods: dict = field(default_factory=dict)  # method -> {role: answer}
    note: str = ""
    body: Any = None  # world -> JSON body, for API writes


def row(route, url, note="", body=None, **methods):
    return Row(route=route, url=url, methods=methods, note=note, body=body)


VIEWERS_OF_SECRET_ROOM = (LEAD, TEAM, MODERATOR, STAFF)
NETWORK_AND_STAFF = (*NETWORK, STAFF)
TEAM_AND_STAFF = (LEAD, TEAM, STAFF)
NOT_PROJECT_TEAM = tuple(r for r in NETWORK if r not in (LEAD, TEAM))
# Who sees the Albania round: the answering organizations' people (A and B) and staff.
ROUND_SEERS = (MEMBER_A, FOCAL_A, FOCAL_B, STAFF)
# Who sees Agency A's request for Agency B's dataset: both organizations' people and staff.
DATA_REQUEST_SEERS = (MEMBER_A, FOCAL_A, FOCAL_B, STAFF)


def hidden_from_others(seers, yes, no_for_seers=403, anon=LOGIN):
    """A restricted object: `seers` may see it; of them, `yes` maps role -> answer (others
    of the seers get `no_for_seers`); everyone else gets 404 (anonymous `anon`)."""
    return {
        role: anon if role == ANON else (yes.get(role, no_for_seers) if role in seers else 404)
        for role in ROLES
    }


# --- Site URL patterns ----------------------------------------------------------------------

SITE = [
    row("healthz", lambda w: "/healthz", GET=everyone(200), POST=everyone(405)),
    row("sitemap.xml", lambda w: "/sitemap.xml", GET=everyone(200)),
    row("documents/^(\\d+)/(.*)$", lambda w: "/documents/999999/none.pdf", GET=everyone(404)),
    # network/urls.py serves documents through library.views.document_serve (attachment).
    row("^documents/(\\d+)/(.*)$", lambda w: "/documents/999999/none.pdf", GET=everyone(404)),
    row(
        "documents/authenticate_with_password/<int:restriction_id>/",
        lambda w: "/documents/authenticate_with_password/999999/",
        GET=everyone(404),
        POST=everyone(404),
    ),
    # allauth
    row(
        "accounts/login/",
        lambda w: "/accounts/login/",
        GET=signed_in(302, anon=200),
        POST=signed_in(302, anon=200),
    ),
    row(
        "accounts/logout/",
        lambda w: "/accounts/logout/",
        GET=signed_in(200, anon=302),
        POST=everyone(302),
    ),
    row("accounts/inactive/", lambda w: "/accounts/inactive/", GET=everyone(200)),
    row(
        "accounts/signup/",
        lambda w: "/accounts/signup/",
        GET=signed_in(302, anon=200),
        POST=signed_in(302, anon=200),
    ),
    row(
        "accounts/reauthenticate/",
        lambda w: "/accounts/reauthenticate/",
        GET=signed_in(200),
        POST=signed_in(200),
    ),
    # From allauth 65.22: re-authentication by a code sent to one's own verified address, as
    # an alternative to the password; confirming without a code requested goes back to it.
    row(
        "accounts/reauthenticate/code/",
        lambda w: "/accounts/reauthenticate/code/",
        GET=signed_in(200),
        POST=signed_in(200),
    ),
    row(
        "accounts/reauthenticate/code/confirm/",
        lambda w: "/accounts/reauthenticate/code/confirm/",
        GET=signed_in(302),
        POST=signed_in(302),
    ),
    row("accounts/email/", lambda w: "/accounts/email/", GET=signed_in(200), POST=signed_in(302)),
    row("accounts/confirm-email/", lambda w: "/accounts/confirm-email/", GET=everyone(200)),
    row(
        "accounts/password/change/",
        lambda w: "/accounts/password/change/",
        GET=signed_in(200),
        POST=signed_in(200),
    ),
    row(
        "accounts/password/set/",
        lambda w: "/accounts/password/set/",
        GET=signed_in(302),
        POST=signed_in(302),
    ),
    row(
        "accounts/password/reset/",
        lambda w: "/accounts/password/reset/",
        GET=everyone(200),
        POST=everyone(200),
    ),
    row(
        "accounts/login/code/confirm/",
        lambda w: "/accounts/login/code/confirm/",
        GET=signed_in(302),
    ),
    row(
        "accounts/^confirm-email/(?P<key>[-:\\w]+)/$",
        lambda w: "/accounts/confirm-email/bogus/",
        GET=everyone(200),
        POST=everyone(404),
    ),
    row(
        "accounts/password/reset/key/done/",
        lambda w: "/accounts/password/reset/key/done/",
        GET=everyone(200),
    ),
    row(
        "accounts/^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$",
        lambda w: "/accounts/password/reset/key/1-bogus/",
        GET=everyone(200),
        POST=everyone(200),
    ),
    row(
        "accounts/password/reset/done/",
        lambda w: "/accounts/password/reset/done/",
        GET=everyone(200),
    ),
    row("accounts/2fa/", lambda w: "/accounts/2fa/", GET=signed_in(200)),
    row(
        "accounts/2fa/authenticate/",
        lambda w: "/accounts/2fa/authenticate/",
        GET=signed_in(302),
        POST=signed_in(302),
    ),
    row(
        "accounts/2fa/reauthenticate/",
        lambda w: "/accounts/2fa/reauthenticate/",
        GET=signed_in(302, anon=LOGIN) | {STAFF: 200, LEAD: 200, MODERATOR: 200},
    ),
    row(
        "accounts/2fa/totp/activate/",
        lambda w: "/accounts/2fa/totp/activate/",
        note="changing MFA asks to sign in again",
        GET=signed_in(302),
        POST=signed_in(302),
    ),
    row(
        "accounts/2fa/totp/deactivate/",
        lambda w: "/accounts/2fa/totp/deactivate/",
        GET=signed_in(404) | {STAFF: 302, LEAD: 302, MODERATOR: 302},
        POST=signed_in(404) | {STAFF: 302, LEAD: 302, MODERATOR: 302},
    ),
    row(
        "accounts/2fa/recovery-codes/",
        lambda w: "/accounts/2fa/recovery-codes/",
        GET=signed_in(404),
    ),
    row(
        "accounts/2fa/recovery-codes/generate/",
        lambda w: "/accounts/2fa/recovery-codes/generate/",
        GET=signed_in(302),
        POST=signed_in(302),
    ),
    row(
        "accounts/2fa/recovery-codes/download/",
        lambda w: "/accounts/2fa/recovery-codes/download/",
        GET=signed_in(404),
    ),
    # members
    row("members/", lambda w: "/members/", GET=everyone(200)),
    row("members/apply/", lambda w: "/members/apply/", GET=signed_in(200), POST=signed_in(OK)),
    row("members/profile/", lambda w: "/members/profile/", GET=signed_in(200), POST=signed_in(OK)),
    row(
        "members/profile/tokens/",
        lambda w: "/members/profile/tokens/",
        GET=signed_in(405),
        POST=signed_in(OK),
    ),
    row(
        "members/profile/tokens/<int:pk>/revoke/",
        lambda w: f"/members/profile/tokens/{w.token.pk}/revoke/",
        GET=signed_in(405),
        POST=allow([MEMBER_A], yes=OK, no=404),
    ),
    row(
        "members/people/<int:pk>/",
        lambda w: f"/members/people/{w.users[MEMBER_A].pk}/",
        note="a public person",
        GET=everyone(200),
    ),
    row(
        "members/people/<int:pk>/",
        lambda w: f"/members/people/{w.hidden.pk}/",
        note="a hidden person",
        GET=everyone(404),
    ),
    row(
        "members/people/<int:pk>/",
        lambda w: f"/members/people/{w.members_only.pk}/",
        note="a members-only person",
        GET=allow(NETWORK_AND_STAFF, no=404, anon=404),
    ),
    # The people directory: hidden people never, members-only people to the network and staff
    # (every answer is scanned for the canaries, the projects' draft among them).
    row("people/", lambda w: "/people/", GET=everyone(200)),
    row(
        "people/",
        lambda w: "/people/?organization=agency-a&expertise=quiet-topic",
        note="filtered to the hidden person's organization and expertise",
        GET=everyone(200),
    ),
    row(
        "people/",
        lambda w: "/people/?organization=agency-b",
        note="filtered to the members-only person's organization",
        GET=everyone(200),
    ),
    row(
        "members/invitations/<str:token>/",
        lambda w: "/members/invitations/bogus-token/",
        GET=everyone(200),
        POST=signed_in(200, anon=LOGIN),
    ),
    row("members/<slug:slug>/", lambda w: "/members/agency-a/", GET=everyone(200)),
    row(
        "members/<slug:slug>/",
        lambda w: "/members/applicant-agency/",
        note="an applicant",
        GET=everyone(404),
    ),
    row(
        "members/<slug:slug>/edit/",
        lambda w: "/members/agency-a/edit/",
        GET=allow([FOCAL_A, STAFF]),
        POST=allow([FOCAL_A, STAFF], yes=OK),
    ),
    row(
        "members/<slug:slug>/edit/",
        lambda w: "/members/applicant-agency/edit/",
        GET=signed_in(404),
        POST=signed_in(404),
    ),
    row(
        "members/<slug:slug>/invite/",
        lambda w: "/members/agency-a/invite/",
        GET=allow([FOCAL_A, STAFF]),
        POST=allow([FOCAL_A, STAFF], yes=OK),
    ),
    row(
        "members/<slug:slug>/invitations/<int:pk>/withdraw/",
        lambda w: f"/members/agency-a/invitations/{w.invitation.pk}/withdraw/",
        GET=signed_in(405),
        POST=allow([FOCAL_A, STAFF], yes=OK),
    ),
    row(
        "members/<slug:slug>/requests/",
        lambda w: "/members/agency-a/requests/",
        GET=allow([FOCAL_A, STAFF]),
        POST=allow([FOCAL_A, STAFF], yes=OK),
    ),
    row(
        "members/<slug:slug>/alternate/",
        lambda w: "/members/agency-a/alternate/",
        GET=signed_in(405),
        POST=allow([FOCAL_A, STAFF], yes=OK),
    ),
    row(
        "members/<slug:slug>/join/",
        lambda w: "/members/agency-a/join/",
        GET=signed_in(405),
        POST=signed_in(OK),
    ),
    # agenda
    row("agenda/", lambda w: "/agenda/", GET=everyone(200)),
    row(
        "agenda/propose/",
        lambda w: "/agenda/propose/",
        GET=allow(NETWORK),
        POST=allow(NETWORK, yes=OK),
    ),
    row("agenda/adopted/", lambda w: "/agenda/adopted/", GET=everyone(200)),
    row("agenda/adopted.csv", lambda w: "/agenda/adopted.csv", GET=everyone(200)),
    row("agenda/adopted/print/", lambda w: "/agenda/adopted/print/", GET=everyone(200)),
    row("agenda/<int:pk>/", lambda w: f"/agenda/{w.priority.pk}/", GET=everyone(200)),
    row(
        "agenda/<int:pk>/endorse/",
        lambda w: f"/agenda/{w.priority.pk}/endorse/",
        GET=signed_in(405),
        POST=signed_in(302),
    ),
    row(
        "agenda/<int:pk>/withdraw-endorsement/",
        lambda w: f"/agenda/{w.priority.pk}/withdraw-endorsement/",
        GET=signed_in(405),
        POST=signed_in(302),
    ),
    row(
        "agenda/<int:pk>/support/",
        lambda w: f"/agenda/{w.priority.pk}/support/",
        GET=signed_in(405),
        POST=signed_in(302),
    ),
    row(
        "agenda/<int:pk>/translate/",
        lambda w: f"/agenda/{w.priority.pk}/translate/",
        GET=allow(NETWORK_AND_STAFF),
        POST=allow(NETWORK_AND_STAFF, yes=OK),
    ),
    row(
        "agenda/<int:pk>/translations/<slug:language>/edit/",
        lambda w: f"/agenda/{w.priority.pk}/translations/fr/edit/",
        # The translator is the hidden person, who holds no role here: the secretariat alone.
        GET=allow([STAFF]),
        POST=allow([STAFF], yes=OK),
    ),
    row(
        "agenda/<int:pk>/discussion/",
        lambda w: f"/agenda/{w.priority.pk}/discussion/",
        GET=signed_in(405),
        POST=allow(NETWORK_AND_STAFF, yes=OK),
    ),
    row(
        "agenda/<int:pk>/vote/",
        lambda w: f"/agenda/{w.priority.pk}/vote/",
        GET=signed_in(405),
        POST=signed_in(302),
    ),
    row(
        "agenda/<int:pk>/move/",
        lambda w: f"/agenda/{w.priority.pk}/move/",
        GET=signed_in(405),
        POST=allow([STAFF], yes=OK),
    ),
    row(
        "agenda/<int:pk>/open-vote/",
        lambda w: f"/agenda/{w.priority.pk}/open-vote/",
        GET=signed_in(405),
        POST=allow([STAFF], yes=OK),
    ),
    row(
        "agenda/<int:pk>/close-vote/",
        lambda w: f"/agenda/{w.priority.pk}/close-vote/",
        GET=signed_in(405),
        POST=allow([STAFF], yes=OK),
    ),
    # gaps
    row("gaps/", lambda w: "/gaps/", GET=everyone(200)),
    row("gaps/export.csv", lambda w: "/gaps/export.csv", GET=everyone(200)),
    row(
        "gaps/report/",
        lambda w: "/gaps/report/",
        GET=allow(NETWORK_AND_STAFF),
        POST=allow(NETWORK_AND_STAFF, yes=OK),
    ),
    row("gaps/heatmap/", lambda w: "/gaps/heatmap/", GET=everyone(200)),
    row("gaps/indicators/", lambda w: "/gaps/indicators/", GET=everyone(200)),
    row("gaps/<int:pk>/", lambda w: f"/gaps/{w.gap.pk}/", GET=everyone(200)),
    row(
        "gaps/<int:pk>/edit/",
        lambda w: f"/gaps/{w.gap.pk}/edit/",
        GET=allow([MEMBER_A, FOCAL_A, STAFF]),
        POST=allow([MEMBER_A, FOCAL_A, STAFF], yes=OK),
    ),
    row(
        "gaps/<int:pk>/translate/",
        lambda w: f"/gaps/{w.gap.pk}/translate/",
        GET=allow(NETWORK_AND_STAFF),
        POST=allow(NETWORK_AND_STAFF, yes=OK),
    ),
    row(
        "gaps/<int:pk>/translations/<slug:language>/edit/",
        lambda w: f"/gaps/{w.gap.pk}/translations/ru/edit/",
        GET=allow([MEMBER_A, STAFF]),
        POST=allow([MEMBER_A, STAFF], yes=OK),
    ),
    row(
        "gaps/<int:pk>/discussion/",
        lambda w: f"/gaps/{w.gap.pk}/discussion/",
        GET=signed_in(405),
        POST=allow(NETWORK_AND_STAFF, yes=OK),
    ),
    row(
        "gaps/<int:pk>/move/",
        lambda w: f"/gaps/{w.gap.pk}/move/",
        GET=signed_in(405),
        POST=allow([MEMBER_A, FOCAL_A, STAFF], yes=OK),
    ),
    row(
        "gaps/<int:pk>/evidence/",
        lambda w: f"/gaps/{w.gap.pk}/evidence/",
        GET=signed_in(405),
        POST=allow([MEMBER_A, FOCAL_A, STAFF], yes=OK),
    ),
    # countries and their update rounds
    row("countries/", lambda w: "/countries/", GET=everyone(200)),
    row("countries/profiles.csv", lambda w: "/countries/profiles.csv", GET=everyone(200)),
    row(
        "countries/data-availability/",
        lambda w: "/countries/data-availability/",
        GET=everyone(200),
    ),
    row("countries/<str:code>/", lambda w: "/countries/AL/", GET=everyone(200)),
    row("countries/<str:code>/history/", lambda w: "/countries/AL/history/", GET=everyone(200)),
    row(
        "countries/proposals/<int:pk>/decide/",
        lambda w: f"/countries/proposals/{w.proposal.pk}/decide/",
        GET=signed_in(405),
        POST=allow([STAFF], yes=OK),
    ),
    row("rounds/", lambda w: "/rounds/", GET=signed_in(200)),
    row(
        "rounds/new/",
        lambda w: "/rounds/new/",
        GET=allow([STAFF]),
        POST=allow([STAFF], yes=OK),
    ),
    row(
        "rounds/<slug:slug>/",
        lambda w: "/rounds/albania-update/",
        GET=hidden_from_others(ROUND_SEERS, {role: 200 for role in ROUND_SEERS}),
    ),
    row(
        "rounds/<slug:slug>/remind/",
        lambda w: "/rounds/albania-update/remind/",
        GET=signed_in(405),
        POST=hidden_from_others(ROUND_SEERS, {STAFF: OK}),
    ),
    row(
        "rounds/<slug:slug>/answers.csv",
        lambda w: "/rounds/albania-update/answers.csv",
        GET=hidden_from_others(ROUND_SEERS, {STAFF: 200}),
    ),
    row(
        "rounds/<slug:slug>/<str:code>/",
        lambda w: "/rounds/albania-update/AL/",
        GET=hidden_from_others(ROUND_SEERS, {role: 200 for role in ROUND_SEERS}),
        # A plain member reads the organization's answer; only its spokespeople change it.
        POST=hidden_from_others(ROUND_SEERS, {FOCAL_A: OK, FOCAL_B: OK, STAFF: OK}),
    ),
    row(
        "rounds/<slug:slug>/<str:code>/publish/",
        lambda w: "/rounds/albania-update/AL/publish/",
        GET=signed_in(405),
        POST=hidden_from_others(ROUND_SEERS, {STAFF: OK}),
    ),
    row(
        "rounds/<slug:slug>/<str:code>/return/<int:pk>/",
        lambda w: f"/rounds/albania-update/AL/return/{w.submitted_answer.pk}/",
        GET=signed_in(405),
        POST=hidden_from_others(ROUND_SEERS, {STAFF: OK}),
    ),
    # decisions and action points
    row("decisions/", lambda w: "/decisions/", GET=everyone(200)),
    row("decisions/export.csv", lambda w: "/decisions/export.csv", GET=everyone(200)),
    row(
        "decisions/new/",
        lambda w: "/decisions/new/",
        GET=allow([STAFF]),
        POST=allow([STAFF], yes=OK),
    ),
    row("decisions/<int:pk>/", lambda w: f"/decisions/{w.decision.pk}/", GET=everyone(200)),
    row(
        "decisions/<int:pk>/status/",
        lambda w: f"/decisions/{w.decision.pk}/status/",
        GET=signed_in(405),
        # Agency A is responsible: its focal point moves it (an empty form re-renders).
        POST=allow([FOCAL_A, STAFF], yes=OK),
    ),
    # working groups: Agency A convenes "routes-group" (Agency B asks to join) and proposed
    # "proposed-group" (member_a proposed it)
    row("groups/", lambda w: "/groups/", GET=everyone(200)),
    row(
        "groups/propose/",
        lambda w: "/groups/propose/",
        GET=allow(NETWORK),
        POST=allow(NETWORK, yes=OK),
    ),
    row("groups/<slug:slug>/", lambda w: "/groups/routes-group/", GET=everyone(200)),
    row(
        "groups/<slug:slug>/",
        lambda w: "/groups/proposed-group/",
        note="a proposal: its proposer, its convener's spokespeople and staff",
        GET=hidden_from_others(
            (MEMBER_A, FOCAL_A, STAFF), {MEMBER_A: 200, FOCAL_A: 200, STAFF: 200}, anon=404
        ),
    ),
    # Joining and leaving: the form names the organization; an empty one re-renders the page.
    row(
        "groups/<slug:slug>/join/",
        lambda w: "/groups/routes-group/join/",
        GET=signed_in(405),
        POST=signed_in(OK),
    ),
    row(
        "groups/<slug:slug>/leave/",
        lambda w: "/groups/routes-group/leave/",
        GET=signed_in(405),
        POST=signed_in(OK),
    ),
    row(
        "groups/<slug:slug>/status/",
        lambda w: "/groups/routes-group/status/",
        GET=signed_in(405),
        POST=allow([STAFF], yes=OK),
    ),
    row(
        "groups/requests/<int:pk>/",
        lambda w: f"/groups/requests/{w.group_request.pk}/",
        GET=signed_in(405),
        POST=allow([FOCAL_A, STAFF], yes=OK),
    ),
    # the data catalogue and its access requests
    row("data/", lambda w: "/data/", GET=everyone(200)),
    row(
        "data/new/",
        lambda w: "/data/new/",
        GET=allow(NETWORK_AND_STAFF),
        POST=allow(NETWORK_AND_STAFF, yes=OK),
    ),
    row(
        "data/cite/",
        lambda w: "/data/cite/",
        GET=signed_in(405),
        # An empty body names no gap: told so, whoever asks; the gap's people are checked
        # once a gap is named (tests/catalogue/test_citations.py).
        POST=signed_in(OK),
    ),
    row(
        "data/cite/<int:pk>/remove/",
        lambda w: f"/data/cite/{w.citation.pk}/remove/",
        GET=signed_in(405),
        POST=allow([MEMBER_A, FOCAL_A, STAFF], yes=OK),
    ),
    row("data/requests/", lambda w: "/data/requests/", GET=signed_in(200)),
    row(
        "data/requests/<int:pk>/",
        lambda w: f"/data/requests/{w.data_request.pk}/",
        GET=hidden_from_others(DATA_REQUEST_SEERS, {r: 200 for r in DATA_REQUEST_SEERS}),
    ),
    row(
        "data/requests/<int:pk>/step/",
        lambda w: f"/data/requests/{w.data_request.pk}/step/",
        GET=signed_in(405),
        # The requesting organization answers, the owner decides; staff only read.
        POST=hidden_from_others(DATA_REQUEST_SEERS, {MEMBER_A: OK, FOCAL_A: OK, FOCAL_B: OK}),
    ),
    row("data/<slug:slug>/", lambda w: "/data/routes-register/", GET=everyone(200)),
    row(
        "data/<slug:slug>/edit/",
        lambda w: "/data/routes-register/edit/",
        GET=allow([FOCAL_B, STAFF]),
        POST=allow([FOCAL_B, STAFF], yes=OK),
    ),
    row(
        "data/<slug:slug>/request/",
        lambda w: "/data/routes-register/request/",
        GET=allow(NETWORK),
        POST=allow(NETWORK, yes=OK),
    ),
    # projects
    row("projects/", lambda w: "/projects/", GET=everyone(200)),
    row(
        "projects/new/", lambda w: "/projects/new/", GET=allow(NETWORK), POST=allow(NETWORK, yes=OK)
    ),
    row("projects/mine/", lambda w: "/projects/mine/", GET=signed_in(200)),
    row("desk/", lambda w: "/desk/", GET=signed_in(200)),
    row("notices/", lambda w: "/notices/", GET=everyone(200)),
    row(
        "email/preferences/",
        lambda w: "/email/preferences/",
        GET=signed_in(200),
        POST=signed_in(OK),
    ),
    row(
        "email/unsubscribe/<str:token>/",
        lambda w: reverse("email:unsubscribe", args=[unsubscribe_token(w.users[MEMBER_A].email)]),
        note="the signed token is the credential: no sign-in, GET only asks",
        GET=everyone(200),
        POST=everyone(OK),
    ),
    row(
        "notices/new/",
        lambda w: "/notices/new/",
        GET=allow((STAFF,)),
        POST=allow((STAFF,), yes=OK),
    ),
    row(
        "notices/<int:pk>/",
        lambda w: f"/notices/{w.notice.pk}/",
        note="members-only text; only the recipients' spokespeople acknowledge",
        GET=each(404, **{role: 200 for role in NETWORK_AND_STAFF}),
        POST=each(404, **({role: 403 for role in NETWORK_AND_STAFF} | {FOCAL_A: OK, FOCAL_B: OK})),
    ),
    row(
        "notices/<int:pk>/remind/",
        lambda w: f"/notices/{w.notice.pk}/remind/",
        GET=signed_in(405),
        POST=allow((STAFF,), yes=OK),
    ),
    row(
        "projects/partnerships/<int:pk>/decide/",
        lambda w: f"/projects/partnerships/{w.partner.pk}/decide/",
        GET=signed_in(405),
        POST=allow([FOCAL_B], yes=OK, no=404),
    ),
    row("projects/<slug:slug>/", lambda w: "/projects/balkan-routes/", GET=everyone(200)),
    row(
        "projects/<slug:slug>/",
        lambda w: "/projects/draft-study/",
        note="a draft",
        GET=allow(TEAM_AND_STAFF, no=404, anon=404),
    ),
    row(
        "projects/<slug:slug>/edit/",
        lambda w: "/projects/balkan-routes/edit/",
        GET=allow([LEAD, STAFF]),
        POST=allow([LEAD, STAFF], yes=OK),
    ),
    row(
        "projects/<slug:slug>/edit/",
        lambda w: "/projects/draft-study/edit/",
        note="a draft",
        GET=hidden_from_others(TEAM_AND_STAFF, {LEAD: 200, STAFF: 200}),
        POST=hidden_from_others(TEAM_AND_STAFF, {LEAD: OK, STAFF: OK}),
    ),
    row(
        "projects/<slug:slug>/status/",
        lambda w: "/projects/balkan-routes/status/",
        GET=allow([LEAD, STAFF]),
        POST=allow([LEAD, STAFF], yes=OK),
    ),
    row(
        "projects/<slug:slug>/status/",
        lambda w: "/projects/draft-study/status/",
        note="a draft",
        GET=hidden_from_others(TEAM_AND_STAFF, {LEAD: 200, STAFF: 200}),
        POST=hidden_from_others(TEAM_AND_STAFF, {LEAD: OK, STAFF: OK}),
    ),
    row(
        "projects/<slug:slug>/join/",
        lambda w: "/projects/balkan-routes/join/",
        GET=signed_in(405),
        POST=signed_in(302),
    ),
    row(
        "projects/<slug:slug>/join/",
        lambda w: "/projects/draft-study/join/",
        note="a draft",
        GET=signed_in(405),
        POST=hidden_from_others(TEAM_AND_STAFF, {}, no_for_seers=302),
    ),
    row(
        "projects/<slug:slug>/requests/<int:pk>/decide/",
        lambda w: f"/projects/balkan-routes/requests/{w.join_request.pk}/decide/",
        GET=signed_in(405),
        POST=allow([LEAD], yes=OK),
    ),
    row(
        "projects/<slug:slug>/requests/<int:pk>/withdraw/",
        lambda w: f"/projects/balkan-routes/requests/{w.join_request.pk}/withdraw/",
        note="only the requester may",
        GET=signed_in(405),
        POST=signed_in(404),
    ),
    row(
        "projects/<slug:slug>/team/<int:pk>/",
        lambda w: f"/projects/balkan-routes/team/{w.team_member.pk}/",
        note="the team member's own entry",
        GET=signed_in(405),
        POST=allow([LEAD, TEAM], yes=OK),
    ),
    row(
        "projects/<slug:slug>/team/<int:pk>/remove/",
        lambda w: f"/projects/balkan-routes/team/{w.team_member.pk}/remove/",
        note="a lead removes the team member, who may also leave",
        GET=allow([LEAD, TEAM]),
        POST=allow([LEAD, TEAM], yes=OK),
    ),
    row(
        "projects/<slug:slug>/team/<int:pk>/remove/",
        lambda w: f"/projects/draft-study/team/{w.draft_team_member.pk}/remove/",
        note="a draft",
        GET=hidden_from_others(TEAM_AND_STAFF, {LEAD: 200, TEAM: 200}),
        POST=hidden_from_others(TEAM_AND_STAFF, {LEAD: OK, TEAM: OK}),
    ),
    row(
        "projects/<slug:slug>/partners/invite/",
        lambda w: "/projects/balkan-routes/partners/invite/",
        GET=allow([LEAD]),
        POST=allow([LEAD], yes=OK),
    ),
    row(
        "projects/<slug:slug>/partners/invite/",
        lambda w: "/projects/draft-study/partners/invite/",
        note="a draft",
        GET=hidden_from_others(TEAM_AND_STAFF, {LEAD: 200}),
        POST=hidden_from_others(TEAM_AND_STAFF, {LEAD: OK}),
    ),
    row(
        "projects/<slug:slug>/roles/new/",
        lambda w: "/projects/balkan-routes/roles/new/",
        GET=allow([LEAD]),
        POST=allow([LEAD], yes=OK),
    ),
    row(
        "projects/<slug:slug>/roles/new/",
        lambda w: "/projects/draft-study/roles/new/",
        note="a draft",
        GET=hidden_from_others(TEAM_AND_STAFF, {LEAD: 200}),
        POST=hidden_from_others(TEAM_AND_STAFF, {LEAD: OK}),
    ),
    row(
        "projects/<slug:slug>/roles/<int:pk>/filled/",
        lambda w: f"/projects/balkan-routes/roles/{w.open_role.pk}/filled/",
        GET=signed_in(405),
        POST=allow([LEAD], yes=OK),
    ),
    row(
        "projects/<slug:slug>/roles/<int:pk>/filled/",
        lambda w: f"/projects/draft-study/roles/{w.draft_role.pk}/filled/",
        note="a draft",
        GET=signed_in(405),
        POST=hidden_from_others(TEAM_AND_STAFF, {LEAD: OK}),
    ),
    row(
        "projects/<slug:slug>/outputs/new/",
        lambda w: "/projects/balkan-routes/outputs/new/",
        GET=allow([LEAD, TEAM]),
        POST=allow([LEAD, TEAM], yes=OK),
    ),
    row(
        "projects/<slug:slug>/outputs/new/",
        lambda w: "/projects/draft-study/outputs/new/",
        note="a draft",
        GET=hidden_from_others(TEAM_AND_STAFF, {}),
        POST=hidden_from_others(TEAM_AND_STAFF, {}),
    ),
    row(
        "projects/<slug:slug>/discussion/",
        lambda w: "/projects/balkan-routes/discussion/",
        GET=signed_in(405),
        POST=allow([LEAD, TEAM, STAFF], yes=OK),
    ),
    row(
        "projects/<slug:slug>/discussion/",
        lambda w: "/projects/draft-study/discussion/",
        note="a draft",
        GET=signed_in(405),
        POST=hidden_from_others(TEAM_AND_STAFF, {LEAD: OK, TEAM: OK, STAFF: OK}),
    ),
    # library
    row("library/", lambda w: "/library/", GET=everyone(200)),
    row(
        "library/add/",
        lambda w: "/library/add/",
        GET=allow(NETWORK_AND_STAFF),
        POST=allow(NETWORK_AND_STAFF, yes=OK),
    ),
    row("library/<slug:slug>/", lambda w: "/library/routes-study/", GET=everyone(200)),
    row(
        "library/<slug:slug>/cite.bib",
        lambda w: "/library/routes-study/cite.bib",
        GET=everyone(200),
    ),
    row(
        "library/<slug:slug>/edit/",
        lambda w: "/library/routes-study/edit/",
        GET=allow([MEMBER_A, FOCAL_A, STAFF]),
        POST=allow([MEMBER_A, FOCAL_A, STAFF], yes=OK),
    ),
    row(
        "library/<slug:slug>/delete/",
        lambda w: "/library/routes-study/delete/",
        GET=allow([MEMBER_A, FOCAL_A, STAFF]),
        POST=allow([MEMBER_A, FOCAL_A, STAFF], yes=OK),
    ),
    # discussions
    row("discussions/", lambda w: "/discussions/", GET=signed_in(200)),
    row(
        "discussions/new/",
        lambda w: "/discussions/new/",
        # Agency A's focal point speaks for the convener of "routes-group": opens its rooms.
        GET=allow([FOCAL_A, STAFF]),
        POST=allow([FOCAL_A, STAFF], yes=OK),
    ),
    row(
        "discussions/notifications/",
        lambda w: "/discussions/notifications/",
        GET=signed_in(200),
        POST=signed_in(OK),
    ),
    row(
        "discussions/<slug:slug>/",
        lambda w: "/discussions/network-room/",
        GET=allow(NETWORK_AND_STAFF, no=404),
        POST=allow(NETWORK_AND_STAFF, yes=OK, no=404),
    ),
    row(
        "discussions/<slug:slug>/",
        lambda w: "/discussions/secret-room/",
        note="restricted",
        GET=allow(VIEWERS_OF_SECRET_ROOM, no=404),
        POST=allow(VIEWERS_OF_SECRET_ROOM, yes=OK, no=404),
    ),
    row(
        "discussions/<slug:slug>/t/<int:topic_id>/",
        lambda w: f"/discussions/network-room/t/{w.topic.pk}/",
        GET=allow(NETWORK_AND_STAFF, no=404),
        POST=allow(NETWORK_AND_STAFF, yes=OK, no=404),
    ),
    row(
        "discussions/<slug:slug>/t/<int:topic_id>/",
        lambda w: f"/discussions/secret-room/t/{w.secret_topic.pk}/",
        note="restricted",
        GET=allow(VIEWERS_OF_SECRET_ROOM, no=404),
        POST=allow(VIEWERS_OF_SECRET_ROOM, yes=OK, no=404),
    ),
    row(
        "discussions/<slug:slug>/t/<int:topic_id>/follow/",
        lambda w: f"/discussions/network-room/t/{w.topic.pk}/follow/",
        GET=signed_in(405),
        POST=allow(NETWORK_AND_STAFF, yes=OK, no=404),
    ),
    row(
        "discussions/<slug:slug>/t/<int:topic_id>/follow/",
        lambda w: f"/discussions/secret-room/t/{w.secret_topic.pk}/follow/",
        note="restricted",
        GET=signed_in(405),
        POST=allow(VIEWERS_OF_SECRET_ROOM, yes=OK, no=404),
    ),
    row(
        "discussions/<slug:slug>/t/<int:topic_id>/resolve/",
        lambda w: f"/discussions/network-room/t/{w.topic.pk}/resolve/",
        GET=signed_in(405),
        POST=hidden_from_others(NETWORK_AND_STAFF, {MEMBER_A: OK, STAFF: OK}),
    ),
    row(
        "discussions/<slug:slug>/t/<int:topic_id>/resolve/",
        lambda w: f"/discussions/secret-room/t/{w.secret_topic.pk}/resolve/",
        note="restricted",
        GET=signed_in(405),
        POST=hidden_from_others(VIEWERS_OF_SECRET_ROOM, {TEAM: OK, MODERATOR: OK, STAFF: OK}),
    ),
    row(
        "discussions/<slug:slug>/t/<int:topic_id>/lock/",
        lambda w: f"/discussions/network-room/t/{w.topic.pk}/lock/",
        GET=hidden_from_others(NETWORK_AND_STAFF, {STAFF: 200}),
        POST=hidden_from_others(NETWORK_AND_STAFF, {STAFF: OK}),
    ),
    row(
        "discussions/<slug:slug>/t/<int:topic_id>/lock/",
        lambda w: f"/discussions/secret-room/t/{w.secret_topic.pk}/lock/",
        note="restricted",
        GET=hidden_from_others(VIEWERS_OF_SECRET_ROOM, {STAFF: 200, MODERATOR: 200}),
        POST=hidden_from_others(VIEWERS_OF_SECRET_ROOM, {STAFF: OK, MODERATOR: OK}),
    ),
    row(
        "discussions/<slug:slug>/t/<int:topic_id>/move/",
        lambda w: f"/discussions/network-room/t/{w.topic.pk}/move/",
        GET=hidden_from_others(NETWORK_AND_STAFF, {STAFF: 200}),
        POST=hidden_from_others(NETWORK_AND_STAFF, {STAFF: OK}),
    ),
    row(
        "discussions/<slug:slug>/t/<int:topic_id>/move/",
        lambda w: f"/discussions/secret-room/t/{w.secret_topic.pk}/move/",
        note="restricted",
        GET=hidden_from_others(VIEWERS_OF_SECRET_ROOM, {STAFF: 200, MODERATOR: 200}),
        POST=hidden_from_others(VIEWERS_OF_SECRET_ROOM, {STAFF: OK, MODERATOR: OK}),
    ),
    row(
        "discussions/<slug:slug>/m/<int:message_id>/edit/",
        lambda w: f"/discussions/network-room/m/{w.message.pk}/edit/",
        GET=hidden_from_others(NETWORK_AND_STAFF, {MEMBER_A: 200}),
        POST=hidden_from_others(NETWORK_AND_STAFF, {MEMBER_A: OK}),
    ),
    row(
        "discussions/<slug:slug>/m/<int:message_id>/edit/",
        lambda w: f"/discussions/secret-room/m/{w.secret_message.pk}/edit/",
        note="restricted",
        GET=hidden_from_others(VIEWERS_OF_SECRET_ROOM, {TEAM: 200}),
        POST=hidden_from_others(VIEWERS_OF_SECRET_ROOM, {TEAM: OK}),
    ),
    row(
        "discussions/<slug:slug>/m/<int:message_id>/delete/",
        lambda w: f"/discussions/network-room/m/{w.message.pk}/delete/",
        GET=hidden_from_others(NETWORK_AND_STAFF, {MEMBER_A: 200}),
        POST=hidden_from_others(NETWORK_AND_STAFF, {MEMBER_A: OK}),
    ),
    row(
        "discussions/<slug:slug>/m/<int:message_id>/delete/",
        lambda w: f"/discussions/secret-room/m/{w.secret_message.pk}/delete/",
        note="restricted",
        GET=hidden_from_others(VIEWERS_OF_SECRET_ROOM, {TEAM: 200}),
        POST=hidden_from_others(VIEWERS_OF_SECRET_ROOM, {TEAM: OK}),
    ),
    row(
        "discussions/<slug:slug>/m/<int:message_id>/hide/",
        lambda w: f"/discussions/network-room/m/{w.message.pk}/hide/",
        GET=hidden_from_others(NETWORK_AND_STAFF, {STAFF: 200}),
        POST=hidden_from_others(NETWORK_AND_STAFF, {STAFF: OK}),
    ),
    row(
        "discussions/<slug:slug>/m/<int:message_id>/hide/",
        lambda w: f"/discussions/secret-room/m/{w.secret_message.pk}/hide/",
        note="restricted",
        GET=hidden_from_others(VIEWERS_OF_SECRET_ROOM, {STAFF: 200, MODERATOR: 200}),
        POST=hidden_from_others(VIEWERS_OF_SECRET_ROOM, {STAFF: OK, MODERATOR: OK}),
    ),
    row(
        "discussions/<slug:slug>/m/<int:message_id>/history/",
        lambda w: f"/discussions/network-room/m/{w.message.pk}/history/",
        GET=hidden_from_others(NETWORK_AND_STAFF, {STAFF: 200}),
    ),
    row(
        "discussions/<slug:slug>/m/<int:message_id>/history/",
        lambda w: f"/discussions/secret-room/m/{w.secret_message.pk}/history/",
        note="restricted",
        GET=hidden_from_others(VIEWERS_OF_SECRET_ROOM, {STAFF: 200, MODERATOR: 200}),
    ),
    row(
        "discussions/<slug:slug>/mute/<int:user_id>/",
        lambda w: f"/discussions/network-room/mute/{w.users[FOCAL_B].pk}/",
        GET=hidden_from_others(NETWORK_AND_STAFF, {STAFF: 200}),
        POST=hidden_from_others(NETWORK_AND_STAFF, {STAFF: OK}),
    ),
    row(
        "discussions/<slug:slug>/mute/<int:user_id>/",
        lambda w: f"/discussions/secret-room/mute/{w.users[TEAM].pk}/",
        note="restricted",
        GET=hidden_from_others(VIEWERS_OF_SECRET_ROOM, {STAFF: 200, MODERATOR: 200}),
        POST=hidden_from_others(VIEWERS_OF_SECRET_ROOM, {STAFF: OK, MODERATOR: OK}),
    ),
    row(
        "discussions/<slug:slug>/m/<int:message_id>/report/",
        lambda w: f"/discussions/network-room/m/{w.message.pk}/report/",
        note="anybody who reads it but its author (MEMBER_A)",
        GET=hidden_from_others(NETWORK_AND_STAFF, each(200, **{MEMBER_A: 403})),
        POST=hidden_from_others(NETWORK_AND_STAFF, each(OK, **{MEMBER_A: 403})),
    ),
    row(
        "discussions/<slug:slug>/m/<int:message_id>/report/",
        lambda w: f"/discussions/secret-room/m/{w.secret_message.pk}/report/",
        note="restricted; its author is TEAM",
        GET=hidden_from_others(VIEWERS_OF_SECRET_ROOM, each(200, **{TEAM: 403})),
        POST=hidden_from_others(VIEWERS_OF_SECRET_ROOM, each(OK, **{TEAM: 403})),
    ),
    row(
        "discussions/reports/",
        lambda w: "/discussions/reports/",
        # Room moderators, conveners of a working group (Agency A's focal point) and staff.
        GET=allow([MODERATOR, FOCAL_A, STAFF]),
    ),
    row(
        "discussions/reports/<int:report_id>/",
        lambda w: f"/discussions/reports/{w.secret_report.pk}/",
        note="a report in the restricted room: its moderator and staff",
        GET=hidden_from_others((MODERATOR, STAFF), {MODERATOR: 200, STAFF: 200}),
        POST=hidden_from_others((MODERATOR, STAFF), {MODERATOR: OK, STAFF: OK}),
    ),
    # search, feeds, API documents, calendars
    row("search/", lambda w: "/search/?q=canary", GET=everyone(200), POST=everyone(405)),
    *(
        row(
            "suggest/<slug:name>/",
            lambda w, name=name: f"/suggest/{name}/?q=canary",
            note="the names a filter box suggests: rows its list offered to everyone",
            GET=everyone(200),
            POST=everyone(405),
        )
        for name in (
            "project-organizations",
            "project-priorities",
            "project-gaps",
            "publishers",
            "publication-gaps",
            "event-organizers",
            "member-organizations",
        )
    ),
    row(
        "i18n/language/",
        lambda w: "/i18n/language/",
        note="the header's language switcher: a visitor's cookie, a person's profile too",
        GET=everyone(405),
        POST=everyone(OK),
    ),
    row("feeds/events/", lambda w: "/feeds/events/", GET=everyone(200)),
    row("feeds/publications/", lambda w: "/feeds/publications/", GET=everyone(200)),
    row("feeds/priorities/adopted/", lambda w: "/feeds/priorities/adopted/", GET=everyone(200)),
    row("feeds/gaps/", lambda w: "/feeds/gaps/", GET=everyone(200)),
    row("feeds/decisions/", lambda w: "/feeds/decisions/", GET=everyone(200)),
    row("api/v1/openapi.json", lambda w: "/api/v1/openapi.json", GET=everyone(200)),
    row("api/v1/docs", lambda w: "/api/v1/docs", GET=everyone(200)),
    row("api/v1/", lambda w: "/api/v1/", GET=everyone(404)),
    # Any other address under /api/ is the API's JSON 404, whatever the method.
    row("^api/", lambda w: "/api/v1/gaps/1/nothing", GET=everyone(404), POST=everyone(404)),
    row(
        "^(?P<path>(?:[\\w\\-]+/)+)calendar\\.ics$",
        lambda w: "/events/calendar.ics",
        GET=everyone(200),
    ),
    row(
        "^(?P<path>(?:[\\w\\-]+/)+)calendar\\.ics$",
        lambda w: "/events/data-workshop/calendar.ics",
        GET=everyone(200),
    ),
    row(
        "^(?P<path>(?:[\\w\\-]+/)+)calendar\\.ics$",
        lambda w: "/events/private-event/calendar.ics",
        note="a private event",
        GET=allow([STAFF], no=404, anon=404),
    ),
    row(
        "^(?P<path>(?:[\\w\\-]+/)+)calendar\\.ics$",
        lambda w: "/events/draft-event/calendar.ics",
        note="a draft event",
        GET=everyone(404),
    ),
    row(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        lambda w: (
            f"/_util/authenticate_with_password/{w.private_page_restriction.pk}/"
            f"{w.private_page.pk}/"
        ),
        note="Wagtail's password form, naming no page",
        GET=everyone(200),
        POST=everyone(200),
    ),
    row(
        "_util/login/",
        lambda w: "/_util/login/",
        note="allauth's sign-in, never Wagtail's",
        GET=everyone(LOGIN),
        POST=everyone(LOGIN),
    ),
    row(
        "^((?:[\\w\\-]+/)*)$",
        lambda w: "/no-such-page/",
        note="every page: see PAGES",
        GET=everyone(404),
    ),
]

# --- Wagtail pages: every page type's routes (RoutablePageMixin included) --------------------
# Keyed "<app_label.Model>:<route>" ("" is the page itself).

PRIVATE = {STAFF: 200}

PAGES = [
    row(
        "wagtailcore.Page:", lambda w: "/", note="the home page is the site root", GET=everyone(200)
    ),
    row("home.HomePage:", lambda w: "/", GET=everyone(200)),
    row("home.StandardPage:", lambda w: w.public_page.url, GET=everyone(200)),
    row("home.StandardPage:", lambda w: "/draft-page/", note="a draft", GET=everyone(404)),
    row(
        "home.StandardPage:",
        lambda w: "/private-page/",
        note="a group-restricted page",
        GET=allow([STAFF], no=404, anon=LOGIN),
    ),
    row(
        "home.StandardPage:",
        lambda w: "/login-page/",
        note="for signed-in people",
        GET=signed_in(200),
    ),
    row("events.EventIndexPage:", lambda w: "/events/", GET=everyone(200)),
    row("events.EventIndexPage:calendar.ics", lambda w: "/events/calendar.ics", GET=everyone(200)),
    row("events.EventPage:", lambda w: "/events/data-workshop/", GET=everyone(200)),
    row("events.EventPage:", lambda w: "/events/draft-event/", note="a draft", GET=everyone(404)),
    row(
        "events.EventPage:",
        lambda w: "/events/private-event/",
        note="a group-restricted event",
        GET=allow([STAFF], no=404, anon=LOGIN),
    ),
    row(
        "events.EventPage:register/",
        lambda w: "/events/data-workshop/register/",
        GET=everyone(302),
        POST=allow(NETWORK, yes=OK, no=302),
    ),
    row(
        "events.EventPage:register/",
        lambda w: "/events/private-event/register/",
        note="a group-restricted event",
        GET=allow([STAFF], yes=302, no=404),
        POST=allow([STAFF], yes=302, no=404),
    ),
    row(
        "events.EventPage:cancel/",
        lambda w: "/events/data-workshop/cancel/",
        GET=everyone(302),
        POST=signed_in(OK),
    ),
    # An organization's registrations for an event: its focal point or alternate alone.
    row(
        "events.EventPage:organizations/<slug:organization>/registrations/",
        lambda w: "/events/data-workshop/organizations/agency-a/registrations/",
        GET=allow([FOCAL_A]),
        POST=allow([FOCAL_A], yes=OK),
    ),
    row(
        "events.EventPage:organizations/<slug:organization>/registrations/",
        lambda w: "/events/data-workshop/organizations/no-such-agency/registrations/",
        note="no such organization",
        GET=signed_in(404),
        POST=signed_in(404),
    ),
    row(
        "events.EventPage:organizations/<slug:organization>/registrations/",
        lambda w: "/events/private-event/organizations/agency-a/registrations/",
        note="a group-restricted event",
        GET=allow([STAFF], yes=403, no=404),
        POST=allow([STAFF], yes=403, no=404),
    ),
    row(
        "events.EventPage:calendar.ics",
        lambda w: "/events/data-workshop/calendar.ics",
        GET=everyone(200),
    ),
    row(
        "events.EventPage:discussion/",
        lambda w: "/events/data-workshop/discussion/",
        GET=signed_in(405),
        POST=allow([ORGANIZER, PARTICIPANT, STAFF], yes=OK),
    ),
    row(
        "events.EventPage:sessions/<int:session_id>/discussion/",
        lambda w: f"/events/data-workshop/sessions/{w.session.pk}/discussion/",
        GET=signed_in(405),
        POST=allow([ORGANIZER, PARTICIPANT, STAFF], yes=OK),
    ),
    row(
        "events.EventPage:manage/",
        lambda w: "/events/data-workshop/manage/",
        GET=allow([ORGANIZER, STAFF]),
        POST=allow([ORGANIZER, STAFF], yes=OK),
    ),
    row(
        "events.EventPage:manage/export/",
        lambda w: "/events/data-workshop/manage/export/",
        GET=allow([ORGANIZER, STAFF]),
    ),
    row(
        "events.EventPage:manage/email/",
        lambda w: "/events/data-workshop/manage/email/",
        GET=allow([ORGANIZER, STAFF]),
        POST=allow([ORGANIZER, STAFF], yes=OK),
    ),
    row(
        "events.EventPage:manage/outputs/",
        lambda w: "/events/data-workshop/manage/outputs/",
        GET=allow([ORGANIZER, STAFF]),
        POST=allow([ORGANIZER, STAFF], yes=OK),
    ),
    row(
        "events.EventPage:manage/outputs/<int:pk>/status/",
        lambda w: f"/events/data-workshop/manage/outputs/{w.event_output.pk}/status/",
        GET=allow([ORGANIZER, STAFF], yes=405),
        POST=allow([ORGANIZER, STAFF], yes=OK),
    ),
    # Draft minutes: their organizers and staff alone; everyone else is told nothing is there.
    row(
        "events.EventPage:minutes/<int:pk>/",
        lambda w: f"/events/data-workshop/minutes/{w.draft_minutes.pk}/",
        GET=each(404, **{ORGANIZER: 200, STAFF: 200}),
    ),
    row(
        "events.EventPage:minutes/<int:pk>/sign-off/",
        lambda w: f"/events/data-workshop/minutes/{w.draft_minutes.pk}/sign-off/",
        GET=signed_in(405),
        POST=each(404, **{ANON: LOGIN, ORGANIZER: OK, STAFF: OK}),
    ),
    row(
        "events.EventPage:manage/minutes/new/",
        lambda w: "/events/data-workshop/manage/minutes/new/",
        GET=allow([ORGANIZER, STAFF]),
        POST=allow([ORGANIZER, STAFF], yes=OK),
    ),
    row(
        "events.EventPage:manage/minutes/<int:pk>/edit/",
        lambda w: f"/events/data-workshop/manage/minutes/{w.draft_minutes.pk}/edit/",
        GET=allow([ORGANIZER, STAFF]),
        POST=allow([ORGANIZER, STAFF], yes=OK),
    ),
    row(
        "events.EventPage:manage/minutes/<int:pk>/circulate/",
        lambda w: f"/events/data-workshop/manage/minutes/{w.draft_minutes.pk}/circulate/",
        GET=everyone(405),
        POST=allow([ORGANIZER, STAFF], yes=OK),
    ),
    row(
        "events.EventPage:manage/minutes/<int:pk>/publish/",
        lambda w: f"/events/data-workshop/manage/minutes/{w.draft_minutes.pk}/publish/",
        GET=everyone(405),
        POST=allow([ORGANIZER, STAFF], yes=OK),
    ),
    row(
        "events.EventPage:manage/",
        lambda w: "/events/private-event/manage/",
        note="a group-restricted event",
        GET=allow([STAFF], no=404),
    ),
]

# The Wagtail admin: every pattern for anonymous and a signed-in member (both sent to sign
# in), and a few for staff. Answers that differ, per method, for both roles:
ADMIN_PREFIX = "admin/"
ADMIN_OPEN = {
    # Both sign-in forms are allauth's (network/urls.py); the shadowed Wagtail one too.
    "admin/login/": {"GET": LOGIN, "POST": LOGIN},
    "admin/sprite/": {"GET": 200, "POST": 200},
    "admin/jsi18n/": {"GET": 200, "POST": 405},
    # WAGTAIL_PASSWORD_MANAGEMENT_ENABLED is off: allauth resets passwords.
    "admin/password_reset/": {"GET": 404, "POST": 404},
    "admin/password_reset/done/": {"GET": 404, "POST": 404},
    "admin/password_reset/confirm/<uidb64>/<token>/": {"GET": 404, "POST": 404},
    "admin/password_reset/complete/": {"GET": 404, "POST": 404},
}
ADMIN_STAFF = [
    "/admin/",
    "/admin/pages/",
    "/admin/users/",
    "/admin/research_projects/",
    "/admin/discussion_rooms/",
    "/admin/applications/",
    # Wagtail's locales (the content languages editors translate pages into).
    "/admin/locales/",
]


def all_rows():
    return SITE + PAGES


# --- API operations (from /api/v1/openapi.json), with each role's personal token ---------------
# Keyed "<METHOD> <path template>". Writes are sent a valid body, so that the answer is the
# permission's, not the validation's (201 means written: the call is rolled back).

WRITERS = (*NETWORK, STAFF)
API = [
    row("GET /api/v1/organizations", lambda w: "/api/v1/organizations", GET=everyone(200)),
    row(
        "GET /api/v1/organizations/export.csv",
        lambda w: "/api/v1/organizations/export.csv",
        GET=everyone(200),
    ),
    row(
        "GET /api/v1/organizations/{slug}",
        lambda w: "/api/v1/organizations/agency-a",
        GET=everyone(200),
    ),
    row(
        "GET /api/v1/organizations/{slug}",
        lambda w: "/api/v1/organizations/applicant-agency",
        note="an applicant",
        GET=everyone(404),
    ),
    row("GET /api/v1/datasets", lambda w: "/api/v1/datasets", GET=everyone(200)),
    # A token reads its owner's organizations' requests (an empty list for the others; the
    # canaries check that none leaks); no token, no answer.
    row(
        "GET /api/v1/datasets/requests",
        lambda w: "/api/v1/datasets/requests",
        GET=signed_in(200, anon=401),
    ),
    row(
        "GET /api/v1/datasets/{slug}",
        lambda w: "/api/v1/datasets/routes-register",
        GET=everyone(200),
    ),
    row("GET /api/v1/countries", lambda w: "/api/v1/countries", GET=everyone(200)),
    row(
        "GET /api/v1/countries/export.csv",
        lambda w: "/api/v1/countries/export.csv",
        GET=everyone(200),
    ),
    row("GET /api/v1/countries/{code}", lambda w: "/api/v1/countries/AL", GET=everyone(200)),
    row(
        "GET /api/v1/countries/{code}/history",
        lambda w: "/api/v1/countries/AL/history",
        GET=everyone(200),
    ),
    row("GET /api/v1/decisions", lambda w: "/api/v1/decisions", GET=everyone(200)),
    row(
        "GET /api/v1/decisions/{pk}",
        lambda w: f"/api/v1/decisions/{w.decision.pk}",
        GET=everyone(200),
    ),
    row("GET /api/v1/groups", lambda w: "/api/v1/groups", GET=everyone(200)),
    row(
        "GET /api/v1/groups/{slug}",
        lambda w: "/api/v1/groups/routes-group",
        GET=everyone(200),
    ),
    row(
        "GET /api/v1/groups/{slug}",
        lambda w: "/api/v1/groups/proposed-group",
        note="a proposal is never in the API",
        GET=everyone(404),
    ),
    row("GET /api/v1/people", lambda w: "/api/v1/people?limit=100", GET=everyone(200)),
    row(
        "GET /api/v1/people",
        lambda w: "/api/v1/people?organization=agency-a&limit=100",
        note="filtered to the hidden person's organization",
        GET=everyone(200),
    ),
    row(
        "GET /api/v1/people",
        lambda w: "/api/v1/people?expertise=quiet-topic",
        note="filtered to the hidden person's expertise",
        GET=everyone(200),
    ),
    row("GET /api/v1/people/export.csv", lambda w: "/api/v1/people/export.csv", GET=everyone(200)),
    row("GET /api/v1/events", lambda w: "/api/v1/events?limit=100", GET=everyone(200)),
    row("GET /api/v1/events/export.csv", lambda w: "/api/v1/events/export.csv", GET=everyone(200)),
    row("GET /api/v1/publications", lambda w: "/api/v1/publications", GET=everyone(200)),
    row(
        "POST /api/v1/publications",
        lambda w: "/api/v1/publications",
        body=lambda w: {
            "title": "Matrix study",
            "type": "report",
            "summary": "A study.",
            "publishers": ["agency-a"],
        },
        note="people of other organizations are told to name their own",
        POST=allow(WRITERS, yes=422, no=403, anon=401) | {MEMBER_A: 201, FOCAL_A: 201, STAFF: 201},
    ),
    row(
        "GET /api/v1/publications/export.csv",
        lambda w: "/api/v1/publications/export.csv",
        GET=everyone(200),
    ),
    row(
        "GET /api/v1/publications/{slug}",
        lambda w: "/api/v1/publications/routes-study",
        GET=everyone(200),
    ),
    row("GET /api/v1/priorities", lambda w: "/api/v1/priorities", GET=everyone(200)),
    row(
        "GET /api/v1/priorities/export.csv",
        lambda w: "/api/v1/priorities/export.csv",
        GET=everyone(200),
    ),
    row(
        "GET /api/v1/priorities/{pk}",
        lambda w: f"/api/v1/priorities/{w.priority.pk}",
        GET=everyone(200),
    ),
    row(
        "POST /api/v1/priorities/{pk}/endorsements",
        lambda w: f"/api/v1/priorities/{w.priority.pk}/endorsements",
        body=lambda w: {"organization": w.org_a.pk},
        POST=allow([FOCAL_A], yes=201, no=403, anon=401),
    ),
    row("GET /api/v1/gaps", lambda w: "/api/v1/gaps", GET=everyone(200)),
    row(
        "POST /api/v1/gaps",
        lambda w: "/api/v1/gaps",
        body=lambda w: {
            "organization": "agency-a",
            "title": "Matrix gap",
            "description": "None.",
            "area": "flows",
            "empty_reason": "not_collected",
            "countries": ["AL"],
        },
        POST=allow([MEMBER_A, FOCAL_A, STAFF], yes=201, no=403, anon=401),
    ),
    row("GET /api/v1/gaps/export.csv", lambda w: "/api/v1/gaps/export.csv", GET=everyone(200)),
    row("GET /api/v1/gaps/{pk}", lambda w: f"/api/v1/gaps/{w.gap.pk}", GET=everyone(200)),
    row("GET /api/v1/indicators", lambda w: "/api/v1/indicators", GET=everyone(200)),
    row(
        "GET /api/v1/indicators/export.csv",
        lambda w: "/api/v1/indicators/export.csv",
        GET=everyone(200),
    ),
    row("GET /api/v1/projects", lambda w: "/api/v1/projects?limit=100", GET=everyone(200)),
    row(
        "GET /api/v1/projects/export.csv",
        lambda w: "/api/v1/projects/export.csv",
        GET=everyone(200),
    ),
    row(
        "GET /api/v1/projects/{slug}", lambda w: "/api/v1/projects/balkan-routes", GET=everyone(200)
    ),
    row(
        "GET /api/v1/projects/{slug}",
        lambda w: "/api/v1/projects/draft-study",
        note="a draft",
        GET=allow(TEAM_AND_STAFF, no=404, anon=404),
    ),
    row(
        "POST /api/v1/projects/{slug}/join-requests",
        lambda w: "/api/v1/projects/balkan-routes/join-requests",
        body=lambda w: {},
        POST=allow(NOT_PROJECT_TEAM, yes=201, no=403, anon=401),
    ),
    row(
        "POST /api/v1/projects/{slug}/join-requests",
        lambda w: "/api/v1/projects/draft-study/join-requests",
        note="a draft",
        body=lambda w: {},
        POST=hidden_from_others(TEAM_AND_STAFF, {}, anon=401),
    ),
]


# --- WebSocket routes (network/discussions/routing.py) -----------------------------------------
# ACCEPT: the socket opens and joins the room; REFUSE: it is closed with 4403 at once.

ACCEPT = "accept"
REFUSE = "refuse"
SOCKETS = [
    row(
        "ws/discussions/<slug:room_slug>/",
        lambda w: "/ws/discussions/network-room/",
        CONNECT=allow(NETWORK_AND_STAFF, yes=ACCEPT, no=REFUSE, anon=REFUSE),
    ),
    row(
        "ws/discussions/<slug:room_slug>/",
        lambda w: "/ws/discussions/secret-room/",
        note="restricted",
        CONNECT=allow(VIEWERS_OF_SECRET_ROOM, yes=ACCEPT, no=REFUSE, anon=REFUSE),
    ),
    row(
        "ws/discussions/<slug:room_slug>/",
        lambda w: "/ws/discussions/no-such-room/",
        CONNECT=everyone(REFUSE),
    ),
]
