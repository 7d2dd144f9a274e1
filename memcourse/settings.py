"""Settings for memcourse, configured by environment variables.

DATABASE_URL   any dj-database-url URL; default an SQLite file db.sqlite3 next to manage.py
REDIS_URL      the Celery broker and result backend; default redis://127.0.0.1:6379/0
SECRET_KEY     required when DEBUG is off
DEBUG          "1"/"true"/"yes" to turn on; on by default for local use
ALLOWED_HOSTS  comma-separated; default localhost,127.0.0.1,[::1] (testserver added under DEBUG)
CELERY_EAGER   "1" to grade in-process (set by `make run` when Redis does not answer)
CELERY_QUEUE   the queue grading tasks go to; default "memcourse"
CACHE_URL      redis://... for a cache shared by every process (rate limits, playground slots); default in-process
TLS_PROXY, SECURE_SSL_REDIRECT, SECURE_HSTS_SECONDS, SECURE_COOKIES, RATELIMIT_ENABLE: see "Security" below
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent


def _env_flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = _env_flag("DEBUG", True)
_DEV_SECRET = "django-insecure-memcourse-local-development-only"
SECRET_KEY = os.environ.get("SECRET_KEY", _DEV_SECRET if DEBUG else "")
if not SECRET_KEY:
    raise RuntimeError("SECRET_KEY must be set when DEBUG is off")

ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",") if h.strip()]
if DEBUG:
    ALLOWED_HOSTS.append("testserver")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "csp",
    "django_ratelimit",
    "exercises",
    "assignments",  # due dates and late credit (issue 12)
    "exports",  # streamed CSV exports: Canvas, Moodle, submissions (issue 12)
    "playground",
    "lti",
    "analytics",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
]

ROOT_URLCONF = "memcourse.urls"

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

WSGI_APPLICATION = "memcourse.wsgi.application"
ASGI_APPLICATION = "memcourse.asgi.application"

# Connections are kept for CONN_MAX_AGE seconds (default 60 with DEBUG off, 0 under runserver, whose threads come
# and go); each request first checks that its kept connection still works, so a restarted database costs no error.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0" if DEBUG else "60")),
        conn_health_checks=True,
    )
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Without collectstatic (make run, tests) whitenoise serves the apps' static files straight from their folders.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # JSON with text no database can hold (NUL, lone surrogates) is a 400 that says where (memcourse/safetext.py).
    "DEFAULT_PARSER_CLASSES": [
        "memcourse.safetext.StorableJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "exercises.api_schema.AutoSchema",
    "EXCEPTION_HANDLER": "exercises.api_errors.exception_handler",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "memcourse API",
    "DESCRIPTION": "Courses, exercises, attempts, progress and gradebooks of memcourse. Answer keys are never exposed.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
CELERY_BROKER_URL = REDIS_URL
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = _env_flag("CELERY_EAGER", False)
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_QUEUE", "memcourse")
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_TIMEOUT = 2
# A message a worker took but never acknowledged (the worker was killed) goes back to the queue after this long;
# it must exceed the longest a task holds one: its hard time limit, or a retry's countdown.
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 2, "socket_timeout": 5,
                                   "visibility_timeout": int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "600"))}
# With the broker down, a submit gives up after one quick retry (the attempt waits for the sweeper).
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}

# Grading under faults (README: "What the site promises under faults"). Time limits of one grading (seconds);
# retries with exponential backoff; the sweeper, a periodic task run by Celery beat (`make run` starts it with the
# worker), queues grading again for attempts still pending after GRADING_REQUEUE_AFTER seconds.
GRADING_SOFT_TIME_LIMIT = float(os.environ.get("GRADING_SOFT_TIME_LIMIT", "20"))
GRADING_TIME_LIMIT = GRADING_SOFT_TIME_LIMIT + 10
GRADING_MAX_RETRIES = int(os.environ.get("GRADING_MAX_RETRIES", "5"))
GRADING_REQUEUE_AFTER = float(os.environ.get("GRADING_REQUEUE_AFTER", "120"))
GRADING_SWEEP_EVERY = float(os.environ.get("GRADING_SWEEP_EVERY", "60"))
CELERY_BEAT_SCHEDULE = {
    "requeue-stale-attempts": {"task": "exercises.tasks.attempts_requeue_stale", "schedule": GRADING_SWEEP_EVERY},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "exercises": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
        "lti": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    },
}

# --- Security (issue 13; README "Security") ---------------------------------------------------------------------
# With DEBUG off everything is on: HTTPS only (redirect, HSTS, secure cookies). Behind a proxy that terminates TLS,
# set TLS_PROXY=1 so that its X-Forwarded-Proto: https counts as HTTPS; each setting can be turned off on its own.
if _env_flag("TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = _env_flag("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_flag("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = _env_flag("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = _env_flag("SECURE_COOKIES", not DEBUG)
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True  # the pages' scripts read the token from the form's csrfmiddlewaretoken input
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = os.environ.get("COOKIE_SAMESITE", "Lax")
X_FRAME_OPTIONS = "DENY"

# Content Security Policy (django-csp): scripts and styles only from our own static files, no inline script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# A cache shared by every process (Redis) makes the rate limits site-wide; the in-process default counts per process.
CACHE_URL = os.environ.get("CACHE_URL", "")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    if CACHE_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "memcourse"}
}
# django-ratelimit lists only django-redis among Redis caches; Django's own RedisCache increments atomically too.
# Its locmem error only means "per process", which is what a single `make run` process needs.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001", *([] if CACHE_URL else ["django_ratelimit.E003"])]

# Rate limits (django-ratelimit, memcourse/ratelimits.py): a refusal is a 429 with a sentence (HTML or JSON).
RATELIMIT_ENABLE = _env_flag("RATELIMIT_ENABLE", True)
RATELIMIT_VIEW = "memcourse.ratelimits.refused"
# Behind a proxy REMOTE_ADDR is the proxy's: name the META key that carries the client's address (HTTP_X_REAL_IP).
RATELIMIT_IP_META_KEY = os.environ.get("RATELIMIT_IP_META_KEY") or None
RATE_LIMITS = {
    "login": "10/m",  # per address, and per user name tried
    "signup": "5/m",  # per address
    "token": "10/m",  # POST /api/auth/token/, per address
    "attempt": "60/m",  # POST /api/attempts/, per student
}  # the playground's own: PLAYGROUND_RUNS_PER_MINUTE and PLAYGROUND_SAVES_PER_MINUTE (playground/services.py)
