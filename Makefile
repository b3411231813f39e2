# make demo: both databases up, migrated, seeded and reported.
# make test: the whole suite on throwaway PostgreSQL servers it starts itself.
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
ENV ?= dev
export ENV

.PHONY: help  ## show this help
help:
	@grep -E '^\.PHONY: [a-z-]+ +## ' $(MAKEFILE_LIST) | \
		sed -E 's/^\.PHONY: ([a-z-]+) +## (.*)/  make \1\t\2/' | expand -t 20

.PHONY: venv  ## create .venv with the pinned requirements
venv: $(VENV)/.installed

$(VENV)/.installed: requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (SQLAlchemy 2.1), not " + sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	@touch $@

.PHONY: up  ## start the local dev and prod PostgreSQL servers (no Docker needed)
up: venv
	$(BIN)/python -m dbkit up

.PHONY: down  ## stop them; their data stays in .pgdata/
down: venv
	$(BIN)/python -m dbkit down

.PHONY: status  ## which servers run, on which port, at which revision
status: venv
	$(BIN)/python -m dbkit status

.PHONY: psql  ## psql on a database: make psql ENV=prod
psql: venv
	$(BIN)/python -m dbkit psql $(ENV)

.PHONY: migrate  ## alembic upgrade head on ENV (default dev)
migrate: venv
	$(BIN)/alembic upgrade head

.PHONY: seed  ## add every cohort's recruits to ENV (fixed seeds: a second run adds nothing)
seed: venv
	$(BIN)/python create_recruits.py --seed 25
	$(BIN)/python create_c26_recruits.py --seed 26
	$(BIN)/python create_c27_recruits.py --seed 27
	$(BIN)/python create_c28_recruits.py --seed 28

.PHONY: demo  ## dev and prod up, migrated to head, seeded, and reported
demo: up
	$(MAKE) --no-print-directory migrate seed ENV=dev
	$(MAKE) --no-print-directory migrate seed ENV=prod
	$(BIN)/python -m dbkit report

.PHONY: test  ## run the test suite (starts its own throwaway PostgreSQL)
test: venv
	$(BIN)/python -m pytest -n 2 -q -m "not slow and not attacks and not browser"

.PHONY: test-slow  ## the tests marked slow: every URL form against every command, a server restarted mid-migration, ...
test-slow: venv
	DBKIT_SLOW_TESTS=1 $(BIN)/python -m pytest -n 2 -q -m slow

.PHONY: test-browser  ## the grade --class page in a real headless Chromium (apt-get install chromium)
test-browser: venv
	$(BIN)/python -m pytest -q -p no:xdist -m browser tests/dbkit/grade

.PHONY: test-isolation  ## part of the suite with env files naming live servers: none is reached
test-isolation: venv
	$(BIN)/python -m pytest -q -p no:xdist -m isolation tests/test_isolation.py

.PHONY: user-path  ## a fresh clone as a learner has it: make demo on other ports, every step --do as the app role
user-path: venv
	$(BIN)/python -m pytest -q -p no:xdist -s -m user_path tests/test_user_path.py

.PHONY: walkthrough  ## the same as make user-path: every step of the brief in order with --do, real prod unchanged
walkthrough: user-path

.PHONY: attacks  ## the heavy attacks on the reviewer's sandbox: a SIGKILLed review --run, a 1 MB revision, a hostile class
attacks: venv
	$(BIN)/python -m pytest -n 2 -q -m attacks tests/dbkit/sandbox

.PHONY: docs  ## run every transcript of README.md, LEARN.md and docs/ as printed (~2 min)
docs: venv
	DBKIT_DOCS=1 $(BIN)/python -m pytest -n 2 -q tests/docs

.PHONY: mutate  ## mutation testing (cosmic-ray) of the code that decides about data and trust (~25 min on 2 loaded cores; not in CI)
mutate: venv .venv-mutate/.installed
	.venv-mutate/bin/python tests/mutation/run.py

.venv-mutate/.installed: requirements-mutate.txt
	$(PYTHON) -m venv .venv-mutate
	.venv-mutate/bin/python -m pip install --quiet -r requirements-mutate.txt
	@touch $@

.PHONY: lint  ## ruff, mypy, the layer contracts (lint-imports) and dead code (vulture)
lint: venv
	$(BIN)/ruff check dbkit models.py migrations/env.py create_*.py tests
	$(BIN)/mypy dbkit models.py migrations/env.py create_*.py
	$(BIN)/lint-imports
	$(BIN)/vulture

.PHONY: package  ## build and install dbkit as a user would (pip, wheel, sdist, pre-commit try-repo)
package: venv
	DBKIT_PACKAGE_TESTS=1 $(BIN)/python -m pytest -q -p no:xdist tests/package

.PHONY: review  ## review the migrations (renames as drop + add, lost data, lock safety)
review: venv
	$(BIN)/python -m dbkit review
.PHONY: bench  ## benchmark: 100,000 and 1,000,000 rows under load, seeding, commands, reviewer (bench/); BENCH_ROWS=100000,1000000,3000000 adds 3M
BENCH_ROWS ?= 100000,1000000
bench: venv $(VENV)/.bench-installed
	$(BIN)/python -m dbkit bench --rows $(BENCH_ROWS)
	$(BIN)/python -m dbkit bench grade --class 30

# The benchmark's own dependencies (the plot), kept out of requirements.txt.
$(VENV)/.bench-installed: requirements-bench.txt $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -r requirements-bench.txt
	@touch $@

.PHONY: clean  ## stop the servers and delete .venv and .pgdata (all local data!)
clean:
	-$(BIN)/python -m dbkit down
	rm -rf $(VENV) .pgdata
