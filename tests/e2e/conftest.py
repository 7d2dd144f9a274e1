"""Browser tests: Playwright (sync API) drives Debian's Chromium at /usr/bin/chromium against pytest-django's
live server. A browser is never downloaded. Under CI=true a missing Chromium or Playwright fails these tests;
elsewhere they skip, saying how to install it (`apt-get install -y chromium`)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser import chromium, missing

ROOT = Path(__file__).resolve().parent.parent.parent
# Screenshots are test artifacts: kept in the gitignored test-artifacts/ (CI can upload the folder).
SCREENSHOTS = Path(os.environ.get("E2E_SCREENSHOTS", ROOT / "test-artifacts"))

# Playwright's sync API runs an event loop in this thread; the test's own ORM calls are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


_missing = missing  # the rule tests/e2e/test_browser_requirements.py pins


# Module scope: Playwright's sync API allows one running instance per thread, and tests/js starts its own.
@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1366, "height": 900}, accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_default_timeout(20_000)
    yield page
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def screenshot(page: Any, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"memcourse-e2e-{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


README_SCREENSHOTS = ROOT / "docs" / "screenshots"


def readme_screenshot(target: Any, name: str) -> Path | None:
    """`make screenshots` (MEMCOURSE_README_SCREENSHOTS=1) also saves the README's picture docs/screenshots/NAME.png
    of `target` (a page or an element) as the test sees it; otherwise nothing."""
    if os.environ.get("MEMCOURSE_README_SCREENSHOTS") != "1":
        return None
    README_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = README_SCREENSHOTS / f"{name}.png"
    target.screenshot(path=str(path))
    return path
