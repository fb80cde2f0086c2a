# The command index. `make run` and `make test` are all a newcomer needs.
PYTHON_BOOTSTRAP ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# Development values, written once to the git-ignored .env that manage.py reads (and only
# manage.py: gunicorn and the tests never do), so that `.venv/bin/python manage.py ...`
# works as typed in the checkout while production settings still require them.
ENV_FILE := .env

.PHONY: run venv migrate seed test lint format migrations-check lock check-deploy clean backup restore fixture bench evaluate-assistant

run: venv migrate seed
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

$(ENV_FILE):
	@printf '# Development settings for manage.py in this checkout (make run wrote them).\n# Never copy this file to a server: production reads its settings from the environment.\nDJANGO_DEBUG=1\nDJANGO_SECRET_KEY=django-insecure-%s\n' \
		"$$(python3 -c 'import secrets; print(secrets.token_urlsafe(40))')" > $@
	@echo "Wrote $@ with development settings (DJANGO_DEBUG=1 and a random secret key)."

venv: $(VENV)/.installed

$(VENV)/.installed: requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON_BOOTSTRAP) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	touch $@

migrate: venv $(ENV_FILE)
	$(PY) manage.py migrate --no-input
	$(PY) manage.py createcachetable

seed: venv $(ENV_FILE)
	$(PY) manage.py load_seed

test: venv
	$(PY) -m pytest

lint: venv
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: venv
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

migrations-check: venv $(ENV_FILE)
	$(PY) manage.py makemigrations --check --dry-run

# Rebuild fixtures/seed.json from the reviewed annotations in fixtures/annotations/.
fixture: venv $(ENV_FILE)
	$(PY) manage.py build_seed_fixture

# Score the attribution assistant against the annotated articles (fixtures/annotations/
# seed.yaml and tests/assistant/articles/), in a fresh test database: see README.
evaluate-assistant: venv $(ENV_FILE)
	$(PY) manage.py evaluate_assistant

# Regenerate the pinned versions after changing pyproject.toml.
lock: venv
	$(PY) -m pip install --quiet pip-tools
	$(VENV)/bin/pip-compile --quiet --extra dev --strip-extras --no-emit-index-url --no-emit-find-links --output-file requirements.lock pyproject.toml

check-deploy: venv
	DJANGO_DEBUG=0 DJANGO_SECRET_KEY=$$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))') \
	DJANGO_ALLOWED_HOSTS=claimtracker.example.org $(PY) manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis

# Back up and restore the PostgreSQL database named by DATABASE_URL (custom format,
# restorable into an empty database or over an existing one).
BACKUP_DIR ?= backups
backup:
	@test -n "$$DATABASE_URL" || (echo "Set DATABASE_URL to the PostgreSQL database to back up." && exit 2)
	mkdir -p $(BACKUP_DIR)
	pg_dump --format=custom --no-owner --file=$(BACKUP_DIR)/claimtracker-$$(date -u +%Y%m%dT%H%M%SZ).dump "$$DATABASE_URL"
	@ls -1t $(BACKUP_DIR) | head -1

restore:
	@test -n "$$DATABASE_URL" || (echo "Set DATABASE_URL to the database to restore into." && exit 2)
	@test -n "$(DUMP)" || (echo "Name the backup: make restore DUMP=backups/claimtracker-....dump" && exit 2)
	pg_restore --clean --if-exists --no-owner --single-transaction --dbname="$$DATABASE_URL" $(DUMP)

# The scale benchmark (not part of `make test`; minutes to an hour): see bench/README.md.
# Limit it with e.g. make bench BENCH_ARGS="--sizes 10000 --databases postgresql".
bench: venv
	$(PY) -m bench.run $(BENCH_ARGS)
