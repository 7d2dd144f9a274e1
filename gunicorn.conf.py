"""gunicorn's settings, read by `gunicorn memcourse.wsgi` when started from this folder (options given on its
command line win). WEB_CONCURRENCY and GUNICORN_THREADS change the number of processes and threads.

The worker class is gthread. The exercise page waits for a grade with a long poll (GET /api/attempts/<id>/?wait=10,
exercises/attempt_events.py) that keeps its request open until the attempt is graded, usually a few tens of
milliseconds and at most 25 seconds. Under gthread a waiting student holds one thread, not a whole process, so
two processes of eight threads serve sixteen requests at once, waiting or not. With `-k sync` the long poll
still works, but each waiting student holds a process. `timeout` stays above the longest wait (25 s).
"""

import os

workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
timeout = 30
keepalive = 5
