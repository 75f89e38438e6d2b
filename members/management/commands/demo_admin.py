import secrets
from pathlib import Path

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.management.base import BaseCommand

from members.models import User

EMAIL = "admin@network.example"


class Command(BaseCommand):
    help = "Create the demo administrator once, with a generated password, and say how to sign in."

    def handle(self, *args, **options):
        secret_file = Path(settings.BASE_DIR) / "var" / "demo-admin-password"
        user = User.objects.filter(email=EMAIL).first()
        if user is None or not secret_file.exists():
            password = secrets.token_urlsafe(12)
            if user is None:
                user = User.objects.create_superuser(
                    EMAIL, password, display_name="Demo administrator"
                )
            else:
                user.set_password(password)
                user.save(update_fields=["password"])
            EmailAddress.objects.update_or_create(
                user=user, email=EMAIL, defaults={"verified": True, "primary": True}
            )
            secret_file.parent.mkdir(parents=True, exist_ok=True)
            secret_file.write_text(password)
            secret_file.chmod(0o600)
        password = secret_file.read_text().strip()
        self.stdout.write(
            f"Demo administrator: {EMAIL} / {password}\n"
            "  (generated once for this machine, kept in var/demo-admin-password; staff are\n"
            "   asked to set up two-factor authentication at first sign-in)"
        )
