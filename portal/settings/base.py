"""Settings shared by every environment.

With no environment variables set the portal runs self-contained: an SQLite file,
Wagtail's database search, Celery tasks run eagerly in-process and email is printed
to the console. Each integration switches on when its URL is set (see
docs/env-vars.md and .env.example).
"""

from pathlib import Path

import environ
from kombu import Queue

from jobs.queues import DEFAULT as DEFAULT_QUEUE
from jobs.queues import QUEUES
from portal.schedule import BEAT_SCHEDULE

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

SECRET_KEY = env(
    "DJANGO_SECRET_KEY",
    default="insecure-development-key-change-me-for-anything-real-0123456789",
)
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

# --- Applications -------------------------------------------------------------

INSTALLED_APPS = [
    # Our apps first so their templates override third-party ones (allauth's).
    "portal",
    "search",
    "api",
    "learning",
    "portfolio",
    "capabilities",
    "jobs",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
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
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "oauth2_provider",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.socialaccount.providers.saml",
    "django_scim",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    # First, so every later log line of the request carries its id.
    "portal.request_id.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.middleware.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "portal.middleware.ResolvedUserMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "portal.middleware.CacheUnavailableMiddleware",
    "portal.middleware.IdentityProviderUnavailableMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "portal.middleware.LeaverAreaMiddleware",
    "portal.middleware.RequireMultiFactorMiddleware",
    "portal.middleware.ContentAdminAccessMiddleware",
    # SCIM calls carry a bearer token, never a session (portfolio.identity.scim).
    "portfolio.identity.scim.auth.ScimTokenMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "portal" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.navigation",
            ],
        },
    },
]

# --- Data ---------------------------------------------------------------------

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
IS_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default must serve a small team. Every request runs in a
    # transaction (ATOMIC_REQUESTS) and many write (a learning page's view, a
    # report's audit row); a deferred transaction that reads and then writes
    # fails at once with "database is locked" when another holds the write
    # lock (about half the responses at 8 connections). Immediate transactions
    # take the lock at BEGIN and wait for it (up to `timeout` seconds); WAL
    # lets reads outside a transaction go on meanwhile. See
    # https://docs.djangoproject.com/en/5.2/ref/databases/#database-is-locked-errors
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        }
    )
if IS_POSTGRES:
    INSTALLED_APPS.append("django.contrib.postgres")

#: A streaming replica of the primary (PostgreSQL): organisation reports and
#: the database search backend read from it (replica.replica_reads); writes
#: never go there. A report says how far behind its figures are.
DATABASE_REPLICA_URL = env("DATABASE_REPLICA_URL", default="")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = env.db_url_config(DATABASE_REPLICA_URL)
    DATABASES["replica"]["CONN_MAX_AGE"] = DATABASES["default"]["CONN_MAX_AGE"]
    DATABASES["replica"]["CONN_HEALTH_CHECKS"] = True
    # A lost replica must not hold a report: two seconds, then the primary.
    DATABASES["replica"].setdefault("OPTIONS", {})["connect_timeout"] = 2
PORTFOLIO_READ_REPLICA = bool(DATABASE_REPLICA_URL)
#: From this lag on, a report tells the reader its figures are behind.
PORTFOLIO_REPLICA_LAG_NOTICE_SECONDS = env.int(
    "PORTFOLIO_REPLICA_LAG_NOTICE_SECONDS", default=10
)
DATABASE_ROUTERS = ["replica.router.ReplicaRouter"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "portfolio.User"

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    # A shared cache matters for correctness, not only speed: allauth keeps its
    # login rate limits in the cache, and a per-process cache would multiply
    # them by the number of web workers.
    CACHES = {
        "default": {
            # Optional for pages, fail-closed for signing in (portal/cache.py).
            "BACKEND": "portal.cache.OptionalRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "portfolio",
            "OPTIONS": {
                # A hung Redis must not hold a request: half a second, then
                # the read counts as a miss.
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "portfolio",
        }
    }

# --- Authentication (django-allauth) -----------------------------------------

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    # allauth's, admitting a leaver within their grace period (issue 18).
    "portfolio.backends.LeaverAwareAuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"
ACCOUNT_ADAPTER = "portfolio.adapters.PortfolioAccountAdapter"
ACCOUNT_FORMS = {"login": "portfolio.people.account_forms.PortfolioLoginForm"}
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Practitioner Portfolio] "
#: Open self-signup is off: staff accounts come from an organisation admin's
#: invitation. Set PORTFOLIO_OPEN_SIGNUP=true only for a closed pilot.
PORTFOLIO_OPEN_SIGNUP = env.bool("PORTFOLIO_OPEN_SIGNUP", default=False)
# Behind a reverse proxy set this to the number of proxies, or every client
# shares the proxy's address for rate limiting.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("ALLAUTH_TRUSTED_PROXY_COUNT", default=0)
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
}
# --- Single sign-on (allauth's openid_connect and saml providers) -------------
# Each organisation's IdP is a portfolio.identity IdentityProvider row; the
# adapter builds allauth's apps from them (none in settings or SocialApp).
SOCIALACCOUNT_ADAPTER = "portfolio.adapters.PortfolioSocialAccountAdapter"
SOCIALACCOUNT_AUTO_SIGNUP = True
# The IdP vouches for addresses in the organisation's own domains; the adapter
# decides who is linked or created (portfolio.identity.services).
SOCIALACCOUNT_EMAIL_VERIFICATION = "none"
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_OPENID_CONNECT_URL_PREFIX = "oidc"
SOCIALACCOUNT_REQUESTS_TIMEOUT = 5
#: Key that encrypts IdP client secrets at rest (portfolio.identity.secrets);
#: defaults to one derived from DJANGO_SECRET_KEY.
PORTFOLIO_SECRETS_KEY = env("PORTFOLIO_SECRETS_KEY", default="")

# --- SCIM 2.0 (django-scim2) under /scim/v2/, one bearer token per organisation
SCIM_SERVICE_PROVIDER = {
    "NETLOC": env("PORTFOLIO_SCIM_NETLOC", default="localhost"),
    "AUTHENTICATION_SCHEMES": [
        {
            "type": "oauthbearertoken",
            "name": "Bearer token",
            "description": "The organisation's token from Single sign-on and HR "
            "provisioning; shown once when made.",
        }
    ],
    "USER_ADAPTER": "portfolio.identity.scim.adapters.PersonScimAdapter",
    "GROUP_MODEL": "portfolio.people.models.Team",
    "GROUP_ADAPTER": "portfolio.identity.scim.adapters.TeamScimAdapter",
    "USER_FILTER_PARSER": "portfolio.identity.scim.filters.PersonFilterQuery",
    "GROUP_FILTER_PARSER": "portfolio.identity.scim.filters.TeamFilterQuery",
    "BASE_LOCATION_GETTER": "portfolio.identity.scim.auth.base_location",
    "GET_EXTRA_MODEL_FILTER_KWARGS_GETTER": (
        "portfolio.identity.scim.auth.extra_filter_kwargs_getter"
    ),
    "GET_OBJECT_POST_PROCESSOR_GETTER": (
        "portfolio.identity.scim.auth.object_post_processor_getter"
    ),
    "GET_QUERYSET_POST_PROCESSOR_GETTER": (
        "portfolio.identity.scim.auth.queryset_post_processor_getter"
    ),
    "GET_IS_AUTHENTICATED_PREDICATE": "portfolio.identity.scim.auth.is_scim_client",
    "SCHEMAS_GETTER": "portfolio.identity.scim.schemas.portfolio_schemas",
    "WWW_AUTHENTICATE_HEADER": 'Bearer realm="portfolio-scim"',
}

MFA_ADAPTER = "portfolio.adapters.PortfolioMFAAdapter"
MFA_FORMS = {
    "authenticate": "portfolio.people.account_forms.PortfolioAuthenticateForm",
    "reauthenticate": "portfolio.people.account_forms.PortfolioReauthenticateForm",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Practitioner Portfolio"
# Accept the code of the neighbouring 30-second step too (RFC 6238 suggests
# allowing one step of drift): phones drift, and a code typed as the step rolls
# over should not fail. Used codes still cannot be replayed.
MFA_TOTP_TOLERANCE = 1
MFA_PASSKEY_LOGIN_ENABLED = False

# --- Sessions and security headers ---------------------------------------------

# Portfolios hold sensitive reflections: an idle session ends after an hour.
SESSION_COOKIE_AGE = env.int("DJANGO_SESSION_COOKIE_AGE", default=60 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

CONTENT_SECURITY_POLICY = {
    # Wagtail's admin still relies on inline scripts and styles; it gets
    # Django's clickjacking and CSRF protection but not this policy.
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

# Uploads: cap what a request may carry before any view sees it.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

# --- Email --------------------------------------------------------------------

EMAIL_BACKEND = env(
    "DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
if env("EMAIL_URL", default=""):
    vars().update(env.email("EMAIL_URL"))
DEFAULT_FROM_EMAIL = env(
    "DJANGO_DEFAULT_FROM_EMAIL", default="Practitioner Portfolio <noreply@localhost>"
)

# --- Celery -------------------------------------------------------------------

CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=CELERY_BROKER_URL)
# Without a broker, tasks run in-process so the portal works with nothing set.
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 5 * 60
CELERY_TASK_TIME_LIMIT = 6 * 60
# Redis redelivers an unacknowledged task after this; every countdown we use
# must stay far below it (see docs/env-vars.md).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 60 * 60,
    # Publishing gives up after one quick retry instead of redis-py's ~6 s of
    # backoff: what must happen is already a row, the sweep publishes it again,
    # and a web request must not hang while Redis is down. (The worker's own
    # reconnecting follows CELERY_BROKER_CONNECTION_* and is not affected.)
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.1,
    "interval_max": 0.2,
}
CELERY_RESULT_EXPIRES = 60 * 60 * 24
CELERY_TIMEZONE = "Europe/London"
CELERY_BEAT_SCHEDULE = BEAT_SCHEDULE
# Start a beat on every host if you like: only the one holding a lock in Redis
# sends (portal/beat.py); another takes over this long after it dies.
CELERY_BEAT_SCHEDULER = "portal.beat.SingleBeatScheduler"
PORTFOLIO_BEAT_LOCK_SECONDS = env.int("PORTFOLIO_BEAT_LOCK_SECONDS", default=60)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Workers log through LOGGING above (JSON lines with the request id of the
# request that caused the job) rather than Celery's own format.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# One queue per kind of work (jobs/queues.py), so PDFs never delay search; a
# worker started without -Q consumes them all.
CELERY_TASK_QUEUES = [Queue(name) for name in QUEUES]
CELERY_TASK_DEFAULT_QUEUE = DEFAULT_QUEUE

# Wagtail's own background work (search index, reference index) runs straight
# away; ours goes through Celery with a durable record first.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# --- Search -------------------------------------------------------------------

#: One node's URL, or several comma-separated (a cluster).
ELASTICSEARCH_URL = env("ELASTICSEARCH_URL", default="")
#: Copies of each index on other nodes: 1 on a cluster of two or more nodes.
SEARCH_INDEX_REPLICAS = env.int("SEARCH_INDEX_REPLICAS", default=0)
#: Every index and alias name starts with this, so several portals (or test
#: runs) can share one node.
SEARCH_INDEX_PREFIX = env("SEARCH_INDEX_PREFIX", default="portfolio-")
#: The circuit breaker: open after this many failures in a row, for this long.
SEARCH_BREAKER_FAILURES = env.int("SEARCH_BREAKER_FAILURES", default=3)
SEARCH_BREAKER_OPEN_SECONDS = env.int("SEARCH_BREAKER_OPEN_SECONDS", default=30)
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# --- Wagtail ------------------------------------------------------------------

WAGTAIL_SITE_NAME = "Practitioner Portfolio"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
# Wagtail's own login and password reset would accept a password alone; all
# logins go through allauth so MFA always applies (portal/urls.py reroutes
# the admin's routes too).
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAILUSERS_PASSWORD_ENABLED = False
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "txt", "odt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_I18N_ENABLED = False
# Wagtail 8 autosaves a new page while it is typed; submitting it for review
# at the same moment posts the "add" form a second time and fails on the
# now-taken slug (a server error, measured in 1 of 3 browser runs). Editors
# save drafts and every revision is kept, so we turn autosave off.
WAGTAIL_AUTOSAVE_INTERVAL = 0

# --- Internationalisation -----------------------------------------------------

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# --- Static and media ---------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static-collected"
STATICFILES_DIRS = [BASE_DIR / "portal" / "static"]
# GOV.UK Frontend's scripts and assets come from npm at set-up time, never
# committed; the stylesheet is built from portal/static_src by `make assets`.
GOVUK_FRONTEND_DIST = BASE_DIR / "node_modules" / "govuk-frontend" / "dist"
if GOVUK_FRONTEND_DIST.exists():
    STATICFILES_DIRS.append(("govuk", GOVUK_FRONTEND_DIST / "govuk"))
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Evidence attachments and exports: never served by URL (see
    # portfolio.evidence.models.private_storage).
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": "", "base_url": None},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

#: "json" (one JSON object a line, for a log shipper; production's default)
#: or "text" (for a person at a terminal).
LOG_FORMAT = env("PORTFOLIO_LOG_FORMAT", default="text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "portal.request_id.RequestIdFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": (
                "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s"
                " %(task)s %(task_id)s %(process)s"
            ),
            "datefmt": "%Y-%m-%dT%H:%M:%S%z",
            "rename_fields": {"asctime": "time", "levelname": "level"},
            "timestamp": False,
        },
        "text": {
            "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": LOG_FORMAT,
        }
    },
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    # Wagtail's immediate task backend logs every reference-index update.
    "loggers": {"django_tasks": {"level": "WARNING"}},
}

# --- Portal -------------------------------------------------------------------

#: `load_demo_data` creates accounts with a published password: never in production.
PORTFOLIO_ALLOW_DEMO_DATA = env.bool("PORTFOLIO_ALLOW_DEMO_DATA", default=True)
#: Evidence attachments: outside MEDIA_ROOT and never served directly.
PRIVATE_MEDIA_ROOT = env.path(
    "PORTFOLIO_PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private-media"
)
STORAGES["private"]["OPTIONS"]["location"] = str(PRIVATE_MEDIA_ROOT)

# --- Object storage (S3 or an S3-compatible server) ----------------------------

#: Several web servers and workers must see the same files: with S3_BUCKET set,
#: attachments, exports and Wagtail's images live in one bucket (the private
#: files under "private/", never public) instead of this machine's disk.
S3_BUCKET = env("S3_BUCKET", default="")
if S3_BUCKET:
    from portal.object_storage import s3_storage_options

    S3_OPTIONS = s3_storage_options(
        bucket=S3_BUCKET,
        endpoint_url=env("S3_ENDPOINT_URL", default="") or None,
        access_key=env("S3_ACCESS_KEY_ID", default="") or None,
        secret_key=env("S3_SECRET_ACCESS_KEY", default="") or None,
        region=env("S3_REGION", default="") or None,
    )
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {**S3_OPTIONS, "location": "private"},
    }
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {**S3_OPTIONS, "location": "media"},
    }
    # Wagtail's image URLs are short-lived signed links to the bucket
    # (path-style: the endpoint, or AWS's regional one), so pages may load
    # images from there.
    _region = S3_OPTIONS["region_name"]
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(
        S3_OPTIONS["endpoint_url"]
        or (
            f"https://s3.{_region}.amazonaws.com"
            if _region
            else "https://s3.amazonaws.com"
        )
    )

# --- Integration API (docs/api.md) -------------------------------------------

# The API's classes (authentication, scopes, throttles, parsers, problem
# details) are set on its own base view (api.views.base.ApiView), so Wagtail's
# admin API keeps DRF's defaults.
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # Per token, counted in the shared cache so every web worker counts the
    # same requests.
    "DEFAULT_THROTTLE_RATES": {
        "token": env("API_RATE_LIMIT", default="600/minute"),
        "token_write": env("API_WRITE_RATE_LIMIT", default="120/minute"),
    },
    "COERCE_DECIMAL_TO_STRING": False,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Practitioner Portfolio API",
    "DESCRIPTION": "CPD evidence, compliance figures and completed learning.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "PREPROCESSING_HOOKS": ["api.schema.only_the_api"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.problem_responses",
    ],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {},
    "PATH_CONVERTER_OVERRIDES": {
        "api_id": {"type": "integer", "minimum": 1, "maximum": 999_999_999_999_999_999}
    },
}
OAUTH2_PROVIDER = {
    "SCOPES_BACKEND_CLASS": "api.scopes.ApiScopes",
    "ACCESS_TOKEN_EXPIRE_SECONDS": env.int("API_TOKEN_SECONDS", default=60 * 60),
    "REFRESH_TOKEN_EXPIRE_SECONDS": 14 * 24 * 60 * 60,
    "AUTHORIZATION_CODE_EXPIRE_SECONDS": 60,
    "ROTATE_REFRESH_TOKEN": True,
    # Practitioners' apps are public clients: PKCE with S256 only.
    "PKCE_REQUIRED": True,
    "ALLOWED_REDIRECT_URI_SCHEMES": ["https", "http"] if DEBUG else ["https"],
    # RFC 9700: S256 only, no implicit or password grants, tokens only in
    # the Authorization header.
    "COMPLIANT_BCP_RFC9700_PKCE_METHOD": True,
    "COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PASSWORD_GRANT": True,
    "COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT": True,
    # The authorisation response names its issuer (RFC 9207); tokens are
    # stored hashed; a replayed refresh token revokes its whole family.
    "COMPLIANT_BCP_RFC9700_AUTHZ_RESPONSE_ISS": True,
    "COMPLIANT_BCP_RFC9700_TOKEN_STORAGE": True,
    "REFRESH_TOKEN_REUSE_PROTECTION": True,
}
# django-oauth-toolkit's models are swappable; ours refer to the stock ones,
# and Django's migration autodetector reads these names from settings.
OAUTH2_PROVIDER_APPLICATION_MODEL = "oauth2_provider.Application"
OAUTH2_PROVIDER_ACCESS_TOKEN_MODEL = "oauth2_provider.AccessToken"  # noqa: S105
OAUTH2_PROVIDER_REFRESH_TOKEN_MODEL = "oauth2_provider.RefreshToken"  # noqa: S105
OAUTH2_PROVIDER_ID_TOKEN_MODEL = "oauth2_provider.IDToken"  # noqa: S105
OAUTH2_PROVIDER_GRANT_MODEL = "oauth2_provider.Grant"
