"""The browser tests' own rule: a missing browser fails under CI=true and skips elsewhere, saying why."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import _missing


def test_a_missing_browser_fails_under_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="no Chromium at /nowhere"):
        _missing("no Chromium at /nowhere")


def test_a_missing_browser_skips_elsewhere_with_the_install_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="apt-get install -y chromium"):
        _missing("no Chromium at /nowhere")
