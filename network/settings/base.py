"""Settings shared by every environment, driven by environment variables (see .env.example)."""

from pathlib import Path

import environ
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env(
    DEBUG=(bool, False),
    ALLOWED_HOSTS=(list, ["127.0.0.1", "localhost"]),
    CSRF_TRUSTED_ORIGINS=(list, []),
)
if (BASE_DIR / ".env").exists():
    environ.Env.read_env(BASE_DIR / ".env")

SECRET_KEY = env("SECRET_KEY", default="dev-only-secret-key-change-me")
DEBUG = env("DEBUG")
ALLOWED_HOSTS = env("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "network.platform",
    "home",
    "members",
    "network.gaps",
    "network.agenda",
    "network.discussions",
    "network.library",
    "events",
    "projects",
    "network.countries",
    "network.decisions",
    "network.groups",
    "network.desk",
    "network.digests",
    "network.catalogue",
    "wagtail.contrib.forms",
    # Editors translate pages in the admin ("Translate" on a page); wagtail.locales manages
    # the content languages. See home/translations.py for how translations are served.
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_countries",
    "csp",
    "rules.apps.AutodiscoverRulesConfig",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "channels",
    "django_tasks",
    # The queue table of production's task backend; installed everywhere so that every
    # database has it and `manage.py db_worker` works wherever the backend is switched on.
    "django_tasks_db",
    # Serves the API docs' Swagger UI from our static files instead of a CDN.
    "ninja",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "network.platform.middleware.VersionsReadOncePerRequestMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Text answers compressed for browsers that accept it, with Django's BREACH precautions.
    "network.platform.middleware.TextGZipMiddleware",
    "csp.middleware.CSPMiddleware",
    "network.platform.middleware.AdminContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The switcher's cookie, then Accept-Language, then English; the profile's language
    # overrides them once the person is known (network/platform/languages.py). Both before
    # the page cache, whose keys carry the language.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "network.platform.languages.ProfileLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Before any view reads a body: oversized bodies and NUL characters get a 413/400.
    "network.platform.middleware.RefuseBadRequestsMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "network.platform.middleware.PrivateResponsesMiddleware",
    "members.middleware.TwoFactorRequiredMiddleware",
    # Cached pages and token-less API reads, before routing and the view
    # (network/platform/pagecache.py).
    "network.platform.pagecache.FastPageCacheMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "network.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "network" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "home.context_processors.site_menu",
            ],
        },
    },
]

WSGI_APPLICATION = "network.wsgi.application"
ASGI_APPLICATION = "network.asgi.application"

# SQLite file by default; PostgreSQL (psycopg 3) when DATABASE_URL says so.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}")
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    CHANNEL_LAYERS = {
        "default": {
            # Pub/sub: each process receives a broadcast once (network/platform/channel_layer.py).
            "BACKEND": "network.platform.channel_layer.RoomChannelLayer",
            # redis-py pools refuse a 101st connection unless told otherwise; a server process
            # with hundreds of sockets joining and broadcasting at once needs more.
            "CONFIG": {
                "hosts": [{"address": REDIS_URL, "max_connections": 1000, "socket_timeout": 10}]
            },
        }
    }
    # The shared cache also carries allauth's login throttle, so every worker sees it. With
    # Redis down or hanging it degrades to a miss within a fraction of a second (pages, posts
    # and sign-in keep working; throttles and presence pause) instead of failing requests.
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                "REDIS_CLIENT_CLASS": "network.platform.cache.FailFastRedis",
                "SOCKET_CONNECT_TIMEOUT": 0.25,
                "SOCKET_TIMEOUT": 0.25,
                "IGNORE_EXCEPTIONS": True,
                # One try per call: network.platform.cache skips Redis for a while after a failure.
                "CONNECTION_POOL_KWARGS": {"retry": Retry(NoBackoff(), 0)},
            },
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    # Sessions are read from the cache on every signed-in request and from the database only
    # on a miss (or with Redis down: the cache then misses at once).
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The busiest list pages are cached per kind of viewer (network/platform/pagecache.py);
# PAGE_CACHE=false turns that off (the benchmark measures both).
PAGE_CACHE = env.bool("PAGE_CACHE", default=True)
# Apps whose rows cached pages show: a write to any of their models makes the pages that
# depend on the app stale. Discussions are left out: messages are never on cached pages.
PAGE_CACHE_APPS = [
    "members",
    "gaps",
    "agenda",
    "library",
    "events",
    "projects",
    "countries",
    "decisions",
    "groups",
    "desk",
    "home",
    "wagtailcore",
    "taggit",
]
# What every page shows (the footer menu comes from the page tree).
PAGE_CACHE_SHELL = ["home", "wagtailcore"]

AUTH_USER_MODEL = "members.User"
# API tokens (Authorization: Bearer …) are people's, kept by members.
API_TOKEN_AUTHENTICATOR = "members.services.token_authenticate"  # noqa: S105 (a function)
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

# django-allauth: email is the login, verification is mandatory, and the forms never say
# whether an account exists. Failed logins are throttled by allauth's default rate limits.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Research Network] "
# Failed sign-ins: 10 a minute from one address, 5 in 5 minutes for one account (the key is
# the email typed, so unknown addresses are throttled exactly like known ones). The counters
# live in the shared cache; production refuses a per-process cache (see production.py).
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}
# Changing or adding an email address, and turning MFA on or off, ask for the password again
# unless the person signed in within the last five minutes.
# Behind nginx (or any proxy), the per-address limit must see the client, not the proxy: set
# TRUSTED_PROXY_COUNT to the number of proxies that append to X-Forwarded-For (1 for nginx).
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
MFA_REAUTHENTICATION_REQUIRED = True
# A TOTP code is valid for its own 30-second step only; allauth marks each accepted code as
# used in the shared cache for that step, so the same code cannot be replayed.
MFA_TOTP_TOLERANCE = 0
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Inter Agency Research Network"

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="network@localhost")

# Tasks run at once, inside the request or command that enqueues them: no worker process on
# a laptop or in tests. Production queues them in the database (production.py).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

LANGUAGE_CODE = "en"
# The interface's languages; URLs are the same in each (no /fr/ prefix).
LANGUAGES = [("en", _("English")), ("fr", _("French")), ("ru", _("Russian"))]
# The catalogue of the site shell (network/templates/) and of code outside the apps; each app
# keeps its own in <app>/locale/.
LOCALE_PATHS = [BASE_DIR / "locale"]
# Wagtail pages are translated into the same languages, each page tree a locale. Page URLs
# carry no locale prefix either: they are shared with the app pages and the page cache,
# whose keys carry the language (see README, Languages).
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
TIME_ZONE = "UTC"
USE_I18N = True
# DATE_FORMAT and DATETIME_FORMAT per language (network/formats/).
FORMAT_MODULE_PATH = ["network.formats"]
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "network" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env("MEDIA_ROOT", default=str(BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

WAGTAIL_SITE_NAME = "Inter Agency Research Network"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
# One sign-in for the site and the admin, so allauth's verification and MFA apply to editors.
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
# Pages restricted to signed-in people send visitors to allauth's sign-in too; Wagtail's own
# frontend form (/_util/login/) would skip MFA, verification and the login throttle.
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"
# Avatars from gravatar.com would send each editor's email hash to a third party.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# The dashboard's update check fetches releases.wagtail.org, which the Content-Security-Policy
# refuses (a console error for every editor); upgrades are chosen with `make upgrade`.
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Uploads: only these kinds, each checked by its content (network.library.validators), in
# the admin too; never HTML or SVG. Documents are served by network.library.views.
# document_serve: through Django (so privacy checks apply and the storage URL is never
# handed out), always as attachments, with nosniff and a sandboxing CSP.
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "xlsx"]
WAGTAILDOCS_DOCUMENT_FORM_BASE = "network.library.forms.DocumentForm"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True
# Willow checks that an image's content matches its extension; SVG is left out on purpose.
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024

# The study lists Kosovo as a UN-administered entity; ISO 3166 has no code for it, XK is
# the user-assigned code that the European Commission and others use.
COUNTRIES_OVERRIDE = {"XK": _("Kosovo (UN-administered)")}

# Request size: form fields at most 2.5 MB and 1,000 of them (Django's defaults, stated), at
# most 100 files, and a whole body (uploads included: documents are at most 20 MB) at most
# 25 MB; network.platform.middleware.RefuseBadRequestsMiddleware answers 413/400 beyond them.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = 100
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
MAX_REQUEST_BYTES = 25 * 1024 * 1024

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# No inline script on the site and nothing from third-party origins. Inline style attributes
# are allowed (Wagtail's rich text and admin use them); scripts never are, in the Wagtail admin
# neither (network/platform/admin_csp.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        # 'self' covers same-host ws:// and wss:// (CSP 3); no other origin may be reached.
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Logs never carry passwords, tokens, email addresses or message bodies: the app logs ids only,
# and the filter below strips the one Django log that would (tests/hardening/test_log_canaries).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"template_context": {"()": "network.platform.log_filters.TemplateVariableContext"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django.template": {"filters": ["template_context"]}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
