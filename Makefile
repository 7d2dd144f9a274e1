# memcourse: `make run` serves the demo course at http://127.0.0.1:8000, `make test` runs the whole suite.
VENV    := .venv
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.installed
HOST    ?= 127.0.0.1
PORT    ?= 8000
REDIS_URL ?= redis://127.0.0.1:6379/0
export REDIS_URL
# The worker also runs Celery beat, whose periodic sweeper queues grading again for attempts left pending.
BEAT    := --beat --schedule=celerybeat-schedule

.PHONY: run test test-faults install worker clean screenshots

$(PY):
	python3 -m venv $(VENV)

# Reinstall only when pyproject.toml changes.
$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --upgrade pip >/dev/null
	$(PY) -m pip install -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	@if $(PY) -m memcourse.redis_ping; then \
	  echo "Grading: a Celery worker on Redis ($(REDIS_URL)); its log is in celery-worker.log"; \
	  $(VENV)/bin/celery -A memcourse worker $(BEAT) --loglevel=info --concurrency=2 > celery-worker.log 2>&1 & \
	  worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(PY) manage.py runserver $(HOST):$(PORT); \
	else \
	  echo "Grading: in-process (Redis at $(REDIS_URL) does not answer; start redis-server for a Celery worker)"; \
	  CELERY_EAGER=1 $(PY) manage.py runserver $(HOST):$(PORT); \
	fi

worker: $(STAMP)
	$(VENV)/bin/celery -A memcourse worker $(BEAT) --loglevel=info

# The long fault tests (marked slow_fault: the 60 s Redis outage) are left to `make test-faults`; .ci/run runs both.
test: $(STAMP)
	$(VENV)/bin/ruff check .
	$(PY) -m pytest -m "not slow_fault"

test-faults: $(STAMP)
	$(PY) -m pytest -m slow_fault tests/reliability

# The README's pictures (docs/screenshots/), taken by the browser tests from the real pages in Chromium.
screenshots: $(STAMP)
	MEMCOURSE_README_SCREENSHOTS=1 $(PY) -m pytest -q tests/e2e/test_playground.py tests/e2e/test_student_answers_reachable.py

clean:
	rm -rf $(VENV) db.sqlite3 celery-worker.log celerybeat-schedule* staticfiles
