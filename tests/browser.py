"""Debian's Chromium for the browser tests (tests/e2e, tests/js): Playwright's sync API drives /usr/bin/chromium,
headless; a browser is never downloaded. Under CI=true a missing Chromium or Playwright fails the tests that need it;
elsewhere they skip, saying how to install it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-gpu"]


def missing(what: str) -> NoReturn:
    message = f"{what}; the browser tests need Debian's Chromium (apt-get install -y chromium) and Python playwright"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{message}. CI=true requires them.", pytrace=False)
    pytest.skip(message)


@contextmanager
def chromium() -> Iterator[Any]:
    """A launched headless Chromium, closed on exit."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("Python playwright is not installed")
    if not CHROMIUM.exists():
        missing(f"no Chromium at {CHROMIUM}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
