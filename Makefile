# The two commands a newcomer needs: `make run` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export PREFECT_HOME := $(CURDIR)/.state/prefect
export PREFECT_SERVER_ANALYTICS_ENABLED := false

.PHONY: run test lint samples bench bench-rules clean-venv devset eval producers browser jq

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

RAW ?= raw
CURATED ?= curated
run: $(STAMP)
	mkdir -p $(PREFECT_HOME)
	$(BIN)/extract run --raw $(RAW) --curated $(CURATED)

# Real PDF producers for tests/test_producers.py; installed from Debian's packages when missing.
PRODUCERS := chromium libreoffice-writer-nogui
producers:
	@if ! command -v chromium >/dev/null || ! command -v soffice >/dev/null; then \
	  if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
	    echo "installing PDF producers for the tests: $(PRODUCERS)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(PRODUCERS) >/dev/null; \
	  else \
	    echo "make test needs chromium and LibreOffice Writer (Debian: sudo apt-get install $(PRODUCERS))" >&2; exit 1; \
	  fi; \
	fi

# The review site's browser test (tests/test_review.py, tests/browser.py): Playwright for Python (a dev
# dependency, installed with .venv) drives Debian's Chromium; Playwright's own browser download is never used.
BROWSER := chromium
browser:
	@if ! command -v chromium >/dev/null; then \
	  if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
	    echo "installing the browser for the review site's test: $(BROWSER)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(BROWSER) >/dev/null; \
	  else \
	    echo "make test needs Chromium for the review site's browser test (Debian: sudo apt-get install $(BROWSER))" >&2; exit 1; \
	  fi; \
	fi

# The README's jq examples (tests/test_readme.py); installed from Debian's packages when missing.
jq:
	@if ! command -v jq >/dev/null; then \
	  if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
	    echo "installing jq for the README's examples"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends jq >/dev/null; \
	  else \
	    echo "jq is missing: the README's jq examples will be skipped (Debian: sudo apt-get install jq)" >&2; \
	  fi; \
	fi

test: $(STAMP) producers browser jq
	mkdir -p $(PREFECT_HOME)
	$(BIN)/ruff check src flows tests scripts benchmarks
	$(BIN)/python -m pytest

samples: $(STAMP)
	$(BIN)/python scripts/make_samples.py

# One table (medians of 3; ~15 min on two cores); the figures are saved in .state/bench/bench-*.json.
bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py

# The rule stage's cost per 100 KB from 10 KB to 1 MB of text (flat = linear); about a minute.
bench-rules: $(STAMP)
	$(BIN)/python benchmarks/bench_rules.py

clean-venv:
	rm -rf $(VENV)

devset: $(STAMP)
	$(BIN)/python scripts/make_devset.py

# Scores on the seeds (../shared/gold) and on the development set (tests/gold), by the project's scorer; the
# variation suite's pass rate per family; the blind table (each blind document's first score and now).
eval: $(STAMP)
	@if [ -f ../shared/eval/score.py ]; then \
	  $(BIN)/extract run --no-prefect --raw raw --curated .state/eval/samples >/dev/null && \
	  echo "== seeds (../shared/gold)" && $(BIN)/extract evaluate .state/eval/samples ../shared/gold --raw raw | tail -n 1; \
	else echo "== seeds: skipped, ../shared (seeds and their gold) is not beside this clone"; fi
	$(BIN)/extract run --no-prefect --raw tests/gold/docs --curated .state/eval/devset >/dev/null
	@echo "== development set (tests/gold)"
	$(BIN)/extract evaluate .state/eval/devset tests/gold --raw tests/gold/docs | tail -n 1
	@echo "== variation suite"
	$(BIN)/python -m tests.variations
	@echo "== blind table"
	$(BIN)/python -m tests.blind_table .state/eval/devset
