import hashlib
from datetime import timedelta

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone
from factory.django import DjangoModelFactory

from members.enums import MembershipRole, OrganizationKind, OrganizationStatus
from members.models import (
    Expertise,
    Invitation,
    Membership,
    MembershipRequest,
    Organization,
    User,
)

PASSWORD = "correct horse battery staple 42"


def with_totp(user):
    """Turn TOTP on for someone whose role needs it (members.needs_mfa: staff, editors,
    moderators, project leads), as they must have done before using the site."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, generate_totp_secret())
    return user


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    display_name = factory.Sequence(lambda n: f"Person {n}")
    visibility = "public"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        """People are verified unless a test says verified=False."""
        self.save()
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class ExpertiseFactory(DjangoModelFactory):
    class Meta:
        model = Expertise
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))


class OrganizationFactory(DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Research Agency {n}")
    slug = factory.Sequence(lambda n: f"agency-{n}")
    kind = OrganizationKind.NGO
    headquarters_country = "IT"
    countries = ["AL", "MD"]
    mandate = "Researches child trafficking in South-Eastern Europe."
    status = OrganizationStatus.MEMBER


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = MembershipRole.MEMBER


class MembershipRequestFactory(DjangoModelFactory):
    class Meta:
        model = MembershipRequest

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    message = "I lead the data team."


class InvitationFactory(DjangoModelFactory):
    class Meta:
        model = Invitation

    class Params:
        # The link's token, for tests that open the invitation; only its hash is stored.
        token = None

    organization = factory.SubFactory(OrganizationFactory)
    email = factory.Sequence(lambda n: f"invitee{n}@example.org")
    token_hash = factory.LazyAttributeSequence(
        lambda o, n: hashlib.sha256(o.token.encode()).hexdigest() if o.token else f"{n:064x}"
    )
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))
