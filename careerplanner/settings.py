"""Settings for careerplanner. Everything that differs between a laptop and production comes
from an environment variable with a safe default; see README.md for the list."""

import os
from pathlib import Path

from csp.constants import NONE, SELF
from django_guid.integrations import CeleryIntegration

from careerplanner.environment import (
    envbool,
    envchoice,
    envdatabase,
    envint,
    envlist,
    envnetworks,
    envurl,
)

BASE_DIR = Path(__file__).resolve().parent.parent
# pytest sets PYTEST_VERSION for its run and the processes the tests start inherit it: tests
# keep their SQLite files, filesystem broker and file cache in a folder of their own, so
# `make test` never shares a queue or a cache with a `make run` serving the same checkout.
TESTING = "PYTEST_VERSION" in os.environ
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))
if TESTING:
    VAR_DIR = VAR_DIR / "test"

SECRET_KEY = os.environ.get("SECRET_KEY", "django-insecure-local-development-only")
DEBUG = envbool("DEBUG", False)
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")
# `make run` serves on PORT; links in emails follow it unless SITE_URL says otherwise.
PORT = envint("PORT", 8000)
SITE_URL = envurl("SITE_URL", f"http://localhost:{PORT}", {"http", "https"}).rstrip("/")
SITE_NAME = "careerplanner"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",  # for allauth's sessions page
    "django.forms",  # its widget templates, for the FORM_RENDERER below
    "django_htmx",
    "django_guid",
    "django_prometheus",
    "template_partials",
    "allauth",
    "allauth.account",
    # Which sessions each person is signed in with: they can end them from
    # /accounts/sessions/, and deleting the account ends them all.
    "allauth.usersessions",
    "careerplanner.accounts",
    "careerplanner.guide",
    "careerplanner.plans",
    "careerplanner.reviews",
    "careerplanner.nudges",
]

MIDDLEWARE = [
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    # Early: the request id is set before anything logs, and the request's line is written
    # after everything else has answered.
    "django_guid.middleware.guid_middleware",
    "careerplanner.logs.access_log",
    "careerplanner.request_guard.RequestGuardMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "careerplanner.private_pages.private_pages",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

# No page takes a file, and no form comes near a megabyte; the proxy refuses the same size.
DATA_UPLOAD_MAX_MEMORY_SIZE = envint("REQUEST_BODY_MAX_BYTES", 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = DATA_UPLOAD_MAX_MEMORY_SIZE
# Memory only: a file part is never written to the temporary folder.
FILE_UPLOAD_HANDLERS = ["django.core.files.uploadhandler.MemoryFileUploadHandler"]

ROOT_URLCONF = "careerplanner.urls"
WSGI_APPLICATION = "careerplanner.wsgi.application"

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
            ],
        },
    },
]


# Every form's fields in a wrapper of their own: templates/forms/.
FORM_RENDERER = "careerplanner.forms.FormRenderer"


DATABASES = {
    "default": envdatabase(
        "DATABASE_URL",
        f"sqlite:///{VAR_DIR / 'careerplanner.sqlite3'}",
        # A test database in a file lets the live server and the test share it.
        sqlite_test_file=VAR_DIR / "test.sqlite3",
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Seconds a Redis call (cache or broker) may take; Redis on the same network answers in
# well under a millisecond, so this only ever ends a hung or unreachable server.
REDIS_TIMEOUT = envint("REDIS_TIMEOUT", 1)
CACHE_URL = os.environ.get("CACHE_URL", "")
if CACHE_URL:
    envurl("CACHE_URL", CACHE_URL, {"redis", "rediss"})
    CACHES = {
        "default": {
            "BACKEND": "careerplanner.cache.FailOpenRedisCache",
            "LOCATION": CACHE_URL,
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": REDIS_TIMEOUT,
                "SOCKET_TIMEOUT": REDIS_TIMEOUT,
                # The cache holds only the sign-in rate limits: when Redis is down, sign-in
                # goes on without them (fail open) and every miss is logged, rather than
                # nobody being able to sign in.
                "IGNORE_EXCEPTIONS": True,
            },
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    DJANGO_REDIS_LOGGER = "careerplanner.cache"
else:
    # Shared between the web and worker processes, unlike the in-memory cache, so the
    # rate limits of sign-in hold across gunicorn workers even without Redis.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

# The plan page's step rows (plans/rows.py), under a digest of what each shows: correct in
# each process on its own, since a changed step gets a new key, so no shared cache is needed.
CACHES["rows"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "plan-rows",
    "TIMEOUT": None,
    "OPTIONS": {"MAX_ENTRIES": 10_000},  # about 6 MB a process
}
# The plan pages' bodies and the dashboard's cards (plans/page_cache.py), the same way.
CACHES["pages"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "plan-pages",
    "OPTIONS": {"MAX_ENTRIES": 500},  # about 15 MB a process
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
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
LOGIN_REDIRECT_URL = "home"

ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_SIGNUP_FORM_CLASS = "careerplanner.accounts.forms.SignupForm"
ACCOUNT_ADAPTER = "careerplanner.accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {
    name: f"careerplanner.accounts.entrance.{form}"
    for name, form in {
        "login": "LoginForm",
        "signup": "SignupForm",
        "add_email": "AddEmailForm",
        "change_password": "ChangePasswordForm",
        "set_password": "SetPasswordForm",
        "reset_password": "ResetPasswordForm",
        "reset_password_from_key": "ResetPasswordKeyForm",
        "reauthenticate": "ReauthenticateForm",
    }.items()
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""  # the sender's name already says careerplanner
# Confirming the address logs the person in, on their way to where they were going (next=).
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if SITE_URL.startswith("https://") else "http"
# Per account strictly: five failed logins for one account within five minutes lock it for
# a while. Per address loosely: a whole office or campus shares one address, so it takes
# sixty failures a minute from one address to slow it down (allauth's default, ten, locked
# out everyone behind it after a few typos).
ACCOUNT_RATE_LIMITS = {
    "login": "300/m/ip",
    "login_failed": "60/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Files browsers ask for at the site's root, such as /favicon.ico, served by WhiteNoise.
WHITENOISE_ROOT = BASE_DIR / "static" / "root"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if envbool("STATIC_MANIFEST", False)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# A mail server that stops answering fails the send after this many seconds (the sender
# then retries later); it never holds a worker.
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", 10)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = envint("EMAIL_PORT", 587)
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", EMAIL_PORT == 587)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "careerplanner <plans@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery. With no broker named, kombu's filesystem transport lets a real worker and beat
# run on a laptop with no server at all.
CELERY_BROKER_URL = envurl(
    "CELERY_BROKER_URL", "filesystem://", {"redis", "rediss", "filesystem", "amqp", "memory"}
)
CELERY_BROKER_TRANSPORT_OPTIONS = {}
if CELERY_BROKER_URL.startswith("filesystem://"):
    # The transport ignores the host, but kombu warns on every connection without one.
    CELERY_BROKER_URL = "filesystem://localhost/"
    CELERY_BROKER_TRANSPORT = "careerplanner.broker:Transport"
    _queue = VAR_DIR / "broker"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue),
        "data_folder_out": str(_queue),
        "processed_folder": str(VAR_DIR / "broker-processed"),
        "store_processed": False,
        # Looks for new messages five times a second rather than once: tasks start sooner
        # and the worker stops within honcho's five seconds on Ctrl-C.
        "polling_interval": 0.2,
        # Broadcasts (the worker's remote control); kombu's default is ./control.
        "control_folder": str(VAR_DIR / "broker-control"),
    }
elif CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "socket_connect_timeout": REDIS_TIMEOUT,
        # Above the worker's one-second BRPOP, so waiting for work is never a timeout.
        "socket_timeout": REDIS_TIMEOUT + 1,
    }
# Queuing a task from a request gives up after a few seconds: the nudge rows it would send
# are already saved, and the next tick sends them (see nudges/tasks.py: send_soon).
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 0.5,
}
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = "UTC"
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# Beat answers `celery inspect ping -d celerybeat@<host>` only while its scheduler ticks: the
# container's health check. It wakes at least every 30 s, so a stall shows within a minute.
CELERY_BEAT_ENABLE_REMOTE_CONTROL = True
CELERY_BEAT_MAX_LOOP_INTERVAL = 30
# Beat only ticks; the sweep decides from the database what is due.
CELERY_BEAT_SCHEDULE = {
    "nudges-tick": {
        "task": "careerplanner.nudges.tasks.tick",
        "schedule": envint("NUDGE_TICK_SECONDS", 300),
    },
}
NUDGE_LEASE_SECONDS = envint("NUDGE_LEASE_SECONDS", 300)
NUDGE_BATCH_SIZE = envint("NUDGE_BATCH_SIZE", 50)

# Only our own scripts and styles (htmx is served from static/), no inline script or style,
# no eval; images may also be data: URIs (the admin's icons).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Production hardening, driven by whether the site is served over HTTPS.
HTTPS = SITE_URL.startswith("https://")
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", HTTPS)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
# How many proxies in front of gunicorn append to X-Forwarded-For (the compose file's nginx:
# 1). The client's address is the one that many places from the end of that header, which
# is what the sign-in rate limits count per address; 0 trusts no header and uses the
# connection's address. BEHIND_PROXY=true is the older way of saying 1.
TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", 1 if envbool("BEHIND_PROXY", False) else 0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
if TRUSTED_PROXY_COUNT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Logs: readable lines on a laptop, one JSON object a line in production (LOG_FORMAT=json,
# as the Docker image sets), each with the request id of the request or task it came from.
LOG_FORMAT = envchoice("LOG_FORMAT", "text", {"text", "json"})
DJANGO_GUID = {
    "GUID_HEADER_NAME": "X-Request-ID",  # taken from the proxy when it sends one, and returned
    "INTEGRATIONS": [CeleryIntegration(use_django_logging=True)],
}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "careerplanner.logs.RequestId"}},
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s %(process)d",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Our access log (careerplanner.logs) replaces runserver's; django-guid says at INFO
        # what it does with every id.
        "django.server": {"level": "WARNING"},
        "django_guid": {"level": "WARNING"},
    },
}
# Celery logs through the configuration above (django-guid's integration applies it).
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

# /metrics answers these addresses (or networks), or a scraper that sends
# "Authorization: Bearer $METRICS_TOKEN"; anyone else gets a 404.
METRICS_ALLOWED_NETWORKS = envnetworks("METRICS_ALLOWED_ADDRESSES", "127.0.0.1,::1")
METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")

# Errors go to Sentry only when a DSN is set; the SDK finds Django and Celery by itself, and
# each event is tagged with the request id of the log lines around it.
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    import sentry_sdk
    from django_guid.integrations import SentryIntegration

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        send_default_pii=False,  # no addresses, cookies or bodies leave the server
    )
    DJANGO_GUID["INTEGRATIONS"] = [
        CeleryIntegration(use_django_logging=True, sentry_integration=True),
        SentryIntegration(),
    ]

STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns when it is missing
