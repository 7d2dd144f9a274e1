"""Production settings: `manage.py check --deploy` is clean with DEBUG off, HTTPS is required (and can be handed
to a TLS-terminating proxy), and cookies are Secure, HttpOnly and SameSite. Each runs a fresh Python process with
the environment a deployment would have, since settings are read from it once at start."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def production_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    # (the browser tests' DJANGO_ALLOW_ASYNC_UNSAFE is for Playwright in the test process, not a deployment)
    unset = {"DEBUG", "SECURE_SSL_REDIRECT", "SECURE_COOKIES", "TLS_PROXY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env.update(DEBUG="0", SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="memcourse.example,testserver",
               DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", DJANGO_SETTINGS_MODULE="memcourse.settings")
    env.update(extra)
    return env


def run_python(code: str, env: dict[str, str]) -> Any:
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


SETTINGS = """
import json, django
django.setup()
from django.conf import settings as s
names = ["SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD",
         "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "CSRF_COOKIE_HTTPONLY",
         "SESSION_COOKIE_SAMESITE", "CSRF_COOKIE_SAMESITE", "X_FRAME_OPTIONS", "SECURE_PROXY_SSL_HEADER"]
print(json.dumps({n: getattr(s, n, None) for n in names}))
"""


def test_check_deploy_is_clean_with_debug_off(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"], cwd=ROOT,
                          env=production_env(tmp_path), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues" in done.stdout


def test_with_debug_off_https_hsts_and_secure_cookies_are_on(tmp_path: Path) -> None:
    values = run_python(SETTINGS, production_env(tmp_path))
    assert values["SECURE_SSL_REDIRECT"] is True and values["SECURE_HSTS_SECONDS"] >= 31536000
    assert values["SESSION_COOKIE_SECURE"] is True and values["CSRF_COOKIE_SECURE"] is True
    assert values["SESSION_COOKIE_HTTPONLY"] is True and values["CSRF_COOKIE_HTTPONLY"] is True
    assert values["SESSION_COOKIE_SAMESITE"] == "Lax" and values["X_FRAME_OPTIONS"] == "DENY"
    assert values["SECURE_PROXY_SSL_HEADER"] is None


def test_behind_a_tls_proxy_the_forwarded_proto_counts_and_the_redirect_can_be_left_to_it(tmp_path: Path) -> None:
    values = run_python(SETTINGS, production_env(tmp_path, TLS_PROXY="1", SECURE_SSL_REDIRECT="0"))
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["SECURE_SSL_REDIRECT"] is False and values["SESSION_COOKIE_SECURE"] is True


def test_debug_off_without_a_secret_key_refuses_to_start(tmp_path: Path) -> None:
    env = production_env(tmp_path)
    del env["SECRET_KEY"]
    done = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode != 0 and "SECRET_KEY must be set when DEBUG is off" in done.stderr


COOKIES = """
import json, django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.test import Client, override_settings
override_settings(STORAGES={"staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}).enable()
c = Client()  # (the pages' static files: without the collectstatic manifest a deployment has)
plain = c.get("/accounts/login/")
form = c.get("/accounts/signup/", secure=True)
signed = c.post("/accounts/signup/", {"username": "newcomer", "password1": "a-long-pass-phrase-9",
                "password2": "a-long-pass-phrase-9", "csrfmiddlewaretoken": form.cookies["csrftoken"].value},
                secure=True)
def attrs(morsel):
    return {"secure": bool(morsel["secure"]), "httponly": bool(morsel["httponly"]), "samesite": morsel["samesite"]}
print(json.dumps({"redirect": [plain.status_code, plain.get("Location")], "signup": signed.status_code,
                  "hsts": form.get("Strict-Transport-Security"),
                  "csrftoken": attrs(form.cookies["csrftoken"]), "sessionid": attrs(signed.cookies["sessionid"])}))
"""


def test_a_production_server_redirects_to_https_and_sets_only_secure_httponly_samesite_cookies(tmp_path: Path) -> None:
    seen = run_python(COOKIES, production_env(tmp_path))
    assert seen["redirect"] == [301, "https://testserver/accounts/login/"]
    assert seen["signup"] == 302
    assert seen["hsts"] == "max-age=31536000; includeSubDomains; preload"
    for cookie in ("csrftoken", "sessionid"):
        assert seen[cookie] == {"secure": True, "httponly": True, "samesite": "Lax"}, cookie
