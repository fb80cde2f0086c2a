"""ClaimTracker settings, read from the environment.

Production is the default: DEBUG is off and a secret key is required. `make run` and
the test settings turn on the development defaults explicitly.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from claimtracker.environment import (
    env_bool,
    env_cache,
    env_database,
    env_hosts,
    env_int,
    env_networks,
    env_present,
    env_rate,
    env_secret_key,
)

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env_secret_key("DJANGO_SECRET_KEY", debug=DEBUG)
ALLOWED_HOSTS = env_hosts(
    "DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else []
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_filters",
    "rest_framework",
    "knox",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "simple_history",
    "sources",
    "claims",
    "assistant",
    "accounts",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # A strict Content-Security-Policy on every response (CONTENT_SECURITY_POLICY below).
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before anything reads a parameter: NUL and lone surrogates are a 400, not a 500.
    "claimtracker.middleware.RefuseUnreadableTextMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "claimtracker.middleware.ReadRequiresSignInMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records which user made each change in the history tables.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a lockout into its response.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # First, so a locked-out account and address is refused before the password check.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Failed sign-ins are throttled per account and address: five failures lock that pair
# out for fifteen minutes, without letting a stranger lock an account out everywhere.
AXES_FAILURE_LIMIT = env_int("CLAIMTRACKER_SIGN_IN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Behind a reverse proxy, the address is the client's only when the proxy is trusted
# (claimtracker.clients); otherwise X-Forwarded-For is ignored, as anyone can send it.
TRUSTED_PROXIES = env_networks("CLAIMTRACKER_TRUSTED_PROXIES")
AXES_CLIENT_IP_CALLABLE = "claimtracker.clients.client_address"

# Everything a page uses comes from this server, and nothing runs inline: no inline
# script or style anywhere (the API docs' initialising script is a file of its own),
# so an injected <script> or style attribute does nothing even if escaping failed.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # The one style attribute DRF's browsable API writes ("float: right;
        # margin-right: 10px", on its Extra Actions and Filters buttons), by its hash.
        "style-src-attr": [
            "'unsafe-hashes'",
            "'sha256-OfgyIBrd+/vP79JdFMYP+re4T+fIenvkrHPD2HZ8/cs='",
        ],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
}

ROOT_URLCONF = "claimtracker.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.user_roles",
            ],
        },
    },
]

WSGI_APPLICATION = "claimtracker.wsgi.application"

DATABASES = {
    "default": env_database("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if env_present("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = env_database("DATABASE_REPLICA_URL", default="")
    # Django's test runner must not create a second test database for the replica.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["claimtracker.routers.PrimaryReplicaRouter"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
# Every page is in English and nothing is translated. With translation on, each of the
# hundreds of URLs and dates a page renders asked which language is active (a third of
# a statement list's rendering time in a profile at 1,000,000 statements).
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "claims:home"
LOGOUT_REDIRECT_URL = "claims:home"

# Editors may give an article's address for the server to fetch and extract; private,
# loopback and link-local addresses are refused unless explicitly allowed.
ARTICLE_FETCH_ENABLED = env_bool("CLAIMTRACKER_ARTICLE_FETCH", default=True)
ARTICLE_FETCH_PRIVATE_ADDRESSES = env_bool(
    "CLAIMTRACKER_ARTICLE_FETCH_PRIVATE_ADDRESSES", default=False
)

# Reading is open unless this is on; writing always needs an editor.
READ_REQUIRES_SIGN_IN = env_bool("CLAIMTRACKER_READ_REQUIRES_SIGN_IN", default=False)

# Shared by every worker: the database by default, Redis when REDIS_URL is set. API
# throttling counts live here, so limits hold across workers and machines.
CACHES = env_cache("REDIS_URL")

REST_FRAMEWORK = {
    # Token first: a bad or revoked token then answers 401 with WWW-Authenticate.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "knox.auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["claimtracker.rest.RolePermission"],
    "DEFAULT_PARSER_CLASSES": [
        "claimtracker.rest.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_rate("CLAIMTRACKER_API_RATE_ANONYMOUS", "120/minute"),
        "user": env_rate("CLAIMTRACKER_API_RATE_SIGNED_IN", "600/minute"),
    },
    "DEFAULT_SCHEMA_CLASS": "claimtracker.schema.ClaimTrackerAutoSchema",
    "DEFAULT_PAGINATION_CLASS": "claimtracker.rest.IdCursorPagination",
    "PAGE_SIZE": 100,
    "DEFAULT_VERSIONING_CLASS": None,
    "EXCEPTION_HANDLER": "claimtracker.rest.exception_handler",
}

REST_KNOX = {
    "TOKEN_TTL": None,  # tokens live until their owner revokes them
    "AUTO_REFRESH": False,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "ClaimTracker API",
    "DESCRIPTION": (
        "Who claimed what, who denied it and who confirmed it: dated statements backed by "
        "verbatim quotes. Reads are open; writes need an editor; deletes and merges an "
        "administrator. Authenticate with a session or `Authorization: Token <token>`."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "claimtracker.schema.add_error_responses",
    ],
    "ENUM_NAME_OVERRIDES": {
        "StanceEnum": "claims.models.Stance",
        "DatePrecisionEnum": "claims.models.DatePrecision",
        "ActorKindEnum": "claims.models.ActorKind",
    },
}

# Production hardening. Behind a TLS-terminating proxy set
# DJANGO_SECURE_PROXY_SSL_HEADER=1 so Django trusts X-Forwarded-Proto.
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    if env_bool("DJANGO_SECURE_PROXY_SSL_HEADER", default=False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
