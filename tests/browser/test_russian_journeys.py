"""The browser journeys of the earlier issues, once in Russian (issue 19, item 8): a visitor
signs up, a member registers for an event, a focal point votes on a research priority.

The same checks on behaviour as the English journeys (tests/browser/test_journey.py,
test_events.py, tests/agenda/test_browser.py), with the page text in Russian. The Russian
words are read from the catalogues (gettext under translation.override), so a change of
wording does not break the test, while an English word left on the page does."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone, translation
from playwright.sync_api import expect

from events.enums import RegistrationStatus
from events.models import Registration
from members.enums import MembershipRole
from network.agenda.enums import PriorityStatus, VoteChoice
from network.agenda.models import Vote
from tests.browser.test_journey import emailed_link
from tests.factories import PASSWORD, MembershipFactory, OrganizationFactory
from tests.factories.events import EventPageFactory, SessionFactory
from tests.factories.gaps import PriorityFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

VISITOR = "olga.petrova@child-rights.example"


def ru(text):
    """`text` as the Russian catalogues say it (ours, allauth's, Django's)."""
    with translation.override("ru"):
        return translation.gettext(text)


def literal_start(text):
    """The words of a translated message before its first placeholder."""
    return re.split(r"%\(\w+\)s|\{\{", text)[0].strip()


def sign_in(page, email):
    """Sign in through allauth's form. The person's profile says Russian: the page after
    signing in is in Russian whatever the browser asked for."""
    page.goto("/accounts/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form").get_by_role("button").last.click()
    expect(page.get_by_role("button", name=ru("Sign out"))).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "ru")


def test_visitor_signs_up_in_russian(new_page, home_page, screenshot):
    page = new_page()
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "en")

    # The visitor picks Russian in the header's switcher (kept in a cookie).
    switcher = page.locator("form.language-switch")
    switcher.get_by_label("Language").select_option("ru")
    switcher.get_by_role("button", name="Change").click()
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    account = page.get_by_role("navigation", name=ru("Account"))
    account.get_by_role("link", name=ru("Sign up")).click()

    # allauth's sign-up form, in Russian.
    expect(page).to_have_url(re.compile(r"/accounts/signup/"))
    expect(page.get_by_role("heading", level=1)).to_have_text(ru("Sign Up"))
    page.locator("#id_email").fill(VISITOR)
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    screenshot(page, "ru-sign-up")
    page.locator("main form").get_by_role("button", name=ru("Sign Up")).click()
    expect(page).to_have_url(re.compile(r"/accounts/confirm-email/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(ru("Verify Your Email Address"))
    expect(page.locator("main")).to_contain_text(VISITOR)

    # The verification email is in Russian too.
    link = emailed_link(VISITOR, "/accounts/confirm-email/")
    [message] = [m for m in mail.outbox if VISITOR in m.to]
    assert ru("Please Confirm Your Email Address") in message.subject
    assert literal_start(ru("To confirm this is correct, go to %(activate_url)s")) in message.body
    assert "To confirm this is correct" not in message.body

    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text(ru("Confirm Email Address"))
    page.locator("main form").get_by_role("button", name=ru("Confirm")).click()
    # Signed in straight away (ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION), still in Russian.
    expect(page.get_by_role("button", name=ru("Sign out"))).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    from allauth.account.models import EmailAddress

    assert EmailAddress.objects.get(email=VISITOR).verified


def test_member_registers_for_an_event_in_russian(new_page, home_page, screenshot):
    organization = OrganizationFactory(name="Balkan Child Data Institute")
    member = MembershipFactory(organization=organization, user__interface_language="ru").user
    event = EventPageFactory(title="Indicators working group", capacity=20)
    SessionFactory(page=event, title="Opening")

    page = new_page()
    sign_in(page, member.email)
    page.goto(event.url)
    main = page.locator("main")
    expect(main).to_contain_text("Opening")  # the organizers' words stay as written
    expect(main).to_contain_text(
        ru(
            "Places are confirmed on the spot while seats remain; "
            "after that you join the waiting list."
        )
    )
    page.get_by_label(ru("Organization you represent")).select_option(label=organization.name)
    page.get_by_role("button", name=ru("Register"), exact=True).click()
    expect(page.get_by_role("status")).to_contain_text(
        ru("You are registered: your place is confirmed.")
    )
    with translation.override("ru"):
        confirmed = str(RegistrationStatus.CONFIRMED.label)
    expect(main).to_contain_text(f"{ru('Your registration:')} {confirmed}")
    screenshot(page, "ru-event-registered")
    registration = Registration.objects.get()
    assert (registration.user, registration.organization) == (member, organization)
    assert registration.status == RegistrationStatus.CONFIRMED
    # The confirmation email follows the person's language.
    [message] = [m for m in mail.outbox if member.email in m.to]
    assert "Indicators working group" in message.subject
    assert message.subject != message.subject.encode("ascii", "ignore").decode()


def test_focal_point_votes_in_russian(new_page, home_page, screenshot):
    organization = OrganizationFactory(name="Agency A")
    focal = MembershipFactory(
        organization=organization, role=MembershipRole.FOCAL_POINT, user__interface_language="ru"
    ).user
    now = timezone.now()
    priority = PriorityFactory(
        title="Re-trafficking of children",
        status=PriorityStatus.PUT_TO_NETWORK,
        vote_opens_at=now - timedelta(hours=1),
        vote_closes_at=now + timedelta(days=7),
    )

    page = new_page()
    sign_in(page, focal.email)
    page.goto(f"/agenda/{priority.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Re-trafficking of children")
    with translation.override("ru"):
        ballot_name = translation.gettext("Vote for %(name)s") % {"name": organization.name}
        yes = str(VoteChoice.YES.label)
    ballot = page.get_by_role("group", name=ballot_name)
    ballot.get_by_label(yes, exact=True).check()
    screenshot(page, "ru-ballot")
    ballot.get_by_role("button", name=ru("Cast the vote")).click()
    with translation.override("ru"):
        recorded = translation.gettext(
            "Your vote for %(organization)s is recorded: %(choice)s. "
            "You can change it until the vote closes."
        ) % {"organization": organization.name, "choice": yes.lower()}
    expect(page.locator(".messages")).to_contain_text(recorded)
    vote = Vote.objects.get()
    assert (vote.organization, vote.choice) == (organization, VoteChoice.YES)
