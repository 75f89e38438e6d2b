"""Production tightens the base settings and refuses to start without its secrets."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import CACHES, CHANNEL_LAYERS, DATABASES, env

DEBUG = False
SECRET_KEY = env("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
if not SECRET_KEY or SECRET_KEY.startswith("dev-only"):
    raise ImproperlyConfigured("SECRET_KEY must be set in production.")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set in production.")
# Login throttles, used TOTP codes, presence and broadcasts must be shared by every worker: a
# per-process cache would let each worker count failed sign-ins (and accept a TOTP code) on
# its own, and the in-memory channel layer never reaches sockets held by another process.
_per_process = [
    name
    for name, per_process in (
        (
            "the local-memory cache",
            CACHES["default"]["BACKEND"]
            in (
                "django.core.cache.backends.locmem.LocMemCache",
                "django.core.cache.backends.dummy.DummyCache",
            ),
        ),
        (
            "the in-memory channel layer",
            CHANNEL_LAYERS["default"]["BACKEND"] == "channels.layers.InMemoryChannelLayer",
        ),
    )
    if per_process
]
if _per_process:
    raise ImproperlyConfigured(
        f"Production refuses {' and '.join(_per_process)}: they live in one process. Set REDIS_URL."
    )

# Each worker keeps its database connection between requests: opening one per request cost
# more than the whole of /healthz (223 req/s with a new connection each time). A connection
# that broke while idle is noticed and replaced before it is used.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# Every task (mail, the periodic jobs) is a row in the database that `manage.py db_worker`
# runs: a request never waits for an SMTP server, and a task enqueued in a transaction that
# rolls back is never run. `manage.py run_scheduler` enqueues the periodic jobs.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"
