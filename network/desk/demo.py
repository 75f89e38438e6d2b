"""Demo accounts (issue 16, item 8): made by `manage.py load_demo_people` for newcomers to try
the desk. They are known by their address on the reserved demo domain; every page says so."""

DEMO_EMAIL_DOMAIN = "demo.network.example"


def is_demo_account(user) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and (user.email or "").lower().endswith("@" + DEMO_EMAIL_DOMAIN)
    )
