"""`python -m memcourse.redis_ping`: exit 0 when the Redis at REDIS_URL answers PING within a second, else 1.
`make run` uses it to choose between a Celery worker and in-process grading."""

import os
import sys

import redis

DEFAULT_URL = "redis://127.0.0.1:6379/0"


def redis_answers(url: str, timeout: float = 1.0) -> bool:
    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=timeout, socket_timeout=timeout)
        return bool(client.ping())
    except (redis.RedisError, OSError, ValueError):
        return False


if __name__ == "__main__":
    sys.exit(0 if redis_answers(os.environ.get("REDIS_URL", DEFAULT_URL)) else 1)
