"""The fault tests point this process at their own Redis and back; the tests after them must still send tasks."""

from __future__ import annotations

from typing import Any

from tests.reliability.fault_harness import reset_broker_connections


def test_tasks_are_still_sent_after_the_broker_is_switched_away_and_back() -> None:
    from memcourse.celery import app

    @app.task(name="tests.reliability.echo")
    def echo(value: Any) -> Any:
        return value

    url, eager = app.conf.broker_url, app.conf.task_always_eager
    app.conf.task_always_eager = True
    try:
        assert echo.apply_async([1]).get() == 1  # the default pool is now open and in kombu's registry
        app.conf.broker_url = "redis://127.0.0.1:1/0"
        reset_broker_connections(app)
        app.conf.broker_url = url
        reset_broker_connections(app)
        assert echo.apply_async([2]).get() == 2  # "Acquire on closed pool" before the registry was reset
    finally:
        app.conf.broker_url, app.conf.task_always_eager = url, eager
        reset_broker_connections(app)
