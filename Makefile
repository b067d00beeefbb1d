# The two commands a newcomer needs: `make run` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export PREFECT_HOME := $(CURDIR)/.state/prefect
export PREFECT_SERVER_ANALYTICS_ENABLED := false

.PHONY: run test lint samples bench clean-venv devset eval producers

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	mkdir -p $(PREFECT_HOME)
	$(BIN)/extract run --raw raw --curated curated

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

test: $(STAMP) producers
	mkdir -p $(PREFECT_HOME)
	$(BIN)/ruff check src flows tests scripts benchmarks
	$(BIN)/python -m pytest

samples: $(STAMP)
	$(BIN)/python scripts/make_samples.py

# One table (medians of 3; ~15 min on two cores); the figures are saved in .state/bench/bench-*.json.
bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py

clean-venv:
	rm -rf $(VENV)

devset: $(STAMP)
	$(BIN)/python scripts/make_devset.py

# Scores on the seeds (../shared/gold) and on the development set (tests/gold), by the project's scorer.
eval: $(STAMP)
	$(BIN)/extract run --no-prefect --raw raw --curated .state/eval/samples
	$(BIN)/extract evaluate .state/eval/samples ../shared/gold --raw raw
	$(BIN)/extract run --no-prefect --raw tests/gold/docs --curated .state/eval/devset
	$(BIN)/extract evaluate .state/eval/devset tests/gold --raw tests/gold/docs
